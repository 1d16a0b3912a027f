// stub: being written
#include "clean/html_text.h"
