// placeholder
#include "config/settings.hpp"
