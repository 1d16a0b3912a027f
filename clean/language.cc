// stub: being written
#include "clean/language.h"
