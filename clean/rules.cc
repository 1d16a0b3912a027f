// stub: being written
#include "clean/rules.h"
