// stub
#include "pith/pith.h"
