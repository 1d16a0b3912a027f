// stub: being written
#include "clean/text_cleaner.h"
