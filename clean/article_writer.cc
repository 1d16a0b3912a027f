// stub: being written
#include "clean/article_writer.h"
