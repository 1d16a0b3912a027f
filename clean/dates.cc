// stub: being written
#include "clean/dates.h"
