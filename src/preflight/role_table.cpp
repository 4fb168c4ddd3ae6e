// The role table: per layer group, the ports its services listen on (with the process
// names that own them once deployed) and the memory it needs. kvm, ceph and ovn follow
// what playbooks/<layer>/deploy.yml sets up; the openstack and kubernetes rows follow the
// upstream default ports of the services those layers will run. Ceph managers and OSDs
// bind in 6800-7300 on demand, so they reserve no fixed port.
#include "preflight/requirements.hpp"

namespace scsctl::preflight {

namespace {

using Owners = const std::string_view[];

constexpr std::string_view k_libvirtd[] = {"libvirtd", "virtproxyd"};
constexpr std::string_view k_ceph_mon[] = {"ceph-mon"};
constexpr std::string_view k_ovsdb[] = {"ovsdb-server"};
constexpr std::string_view k_mariadb[] = {"mariadbd", "mysqld"};
constexpr std::string_view k_rabbitmq[] = {"beam.smp"};
constexpr std::string_view k_epmd[] = {"epmd"};
constexpr std::string_view k_memcached[] = {"memcached"};
constexpr std::string_view k_wsgi[] = {"apache2", "uwsgi", "keystone", "placement-api"};
constexpr std::string_view k_glance[] = {"glance-api"};
constexpr std::string_view k_nova_api[] = {"nova-api", "apache2", "uwsgi"};
constexpr std::string_view k_neutron[] = {"neutron-server", "neutron-server:"};
constexpr std::string_view k_cinder[] = {"cinder-api", "apache2", "uwsgi"};
constexpr std::string_view k_apiserver[] = {"kube-apiserver"};
constexpr std::string_view k_etcd[] = {"etcd"};
constexpr std::string_view k_controller_manager[] = {"kube-controller"};
constexpr std::string_view k_scheduler[] = {"kube-scheduler"};
constexpr std::string_view k_kubelet[] = {"kubelet"};

constexpr PortSpec k_kvm_ports[] = {{16509, "libvirtd TCP (live migration)", k_libvirtd}};
constexpr PortSpec k_ceph_mon_ports[] = {{3300, "ceph-mon (msgr2)", k_ceph_mon},
                                         {6789, "ceph-mon (msgr1)", k_ceph_mon}};
constexpr PortSpec k_ovn_central_ports[] = {{6641, "OVN northbound database", k_ovsdb},
                                            {6642, "OVN southbound database", k_ovsdb},
                                            {6643, "OVN northbound RAFT", k_ovsdb},
                                            {6644, "OVN southbound RAFT", k_ovsdb}};
constexpr PortSpec k_openstack_control_ports[] = {
    {3306, "MariaDB", k_mariadb},      {4369, "Erlang port mapper (RabbitMQ)", k_epmd},
    {5000, "Keystone", k_wsgi},        {5672, "RabbitMQ (AMQP)", k_rabbitmq},
    {8774, "Nova API", k_nova_api},    {8775, "Nova metadata API", k_nova_api},
    {8776, "Cinder API", k_cinder},    {8778, "Placement API", k_wsgi},
    {9292, "Glance API", k_glance},    {9696, "Neutron API", k_neutron},
    {11211, "memcached", k_memcached},
};
constexpr PortSpec k_k8s_control_ports[] = {
    {2379, "etcd (clients)", k_etcd},
    {2380, "etcd (peers)", k_etcd},
    {6443, "kube-apiserver", k_apiserver},
    {10250, "kubelet", k_kubelet},
    {10257, "kube-controller-manager", k_controller_manager},
    {10259, "kube-scheduler", k_scheduler},
};
constexpr PortSpec k_k8s_worker_ports[] = {{10250, "kubelet", k_kubelet}};

constexpr RoleSpec k_roles[] = {
    {"kvm", "kvm", 4096, k_kvm_ports},
    {"ceph", "ceph_mon", 2048, k_ceph_mon_ports},
    {"ceph", "ceph_mgr", 2048, {}},
    {"ceph", "ceph_osd", 4096, {}},
    {"ovn", "ovn_central", 2048, k_ovn_central_ports},
    {"ovn", "ovn_controller", 1024, {}},
    {"openstack", "openstack_control", 8192, k_openstack_control_ports},
    {"openstack", "openstack_compute", 4096, {}},
    {"kubernetes", "k8s_control_plane", 2048, k_k8s_control_ports},
    {"kubernetes", "k8s_worker", 2048, k_k8s_worker_ports},
};

} // namespace

std::span<const RoleSpec> role_table()
{
    return k_roles;
}

} // namespace scsctl::preflight
