// stub
#include "pith/input.h"
