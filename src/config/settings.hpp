// placeholder: effective configuration (scsctl.yml, SCSCTL_* variables, ansible.cfg)
#pragma once
