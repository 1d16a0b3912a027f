// stub: being written
#include "clean/text_util.h"
