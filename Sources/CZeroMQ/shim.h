// libzmq from Debian's libzmq3-dev (4.3.4, built with CURVE, without the draft API).
#ifndef CZEROMQ_SHIM_H
#define CZEROMQ_SHIM_H
#include <zmq.h>
#include <errno.h>

// libzmq's own errno values are `ZMQ_HAUSNUMERO + n` expressions (and may alias
// system values on some platforms); functions give Swift one stable spelling.
static inline int czmq_eterm(void) { return ETERM; }
static inline int czmq_efsm(void) { return EFSM; }
static inline int czmq_enocompatproto(void) { return ENOCOMPATPROTO; }
static inline int czmq_emthread(void) { return EMTHREAD; }
static inline int czmq_ehostunreach(void) { return EHOSTUNREACH; }
static inline int czmq_eagain(void) { return EAGAIN; }
static inline int czmq_eintr(void) { return EINTR; }
static inline int czmq_emsgsize(void) { return EMSGSIZE; }
static inline int czmq_enotsup(void) { return ENOTSUP; }
static inline int czmq_eaddrinuse(void) { return EADDRINUSE; }
static inline int czmq_econnrefused(void) { return ECONNREFUSED; }
static inline int czmq_enotsock(void) { return ENOTSOCK; }
static inline int czmq_einval(void) { return EINVAL; }
static inline int czmq_eprotonosupport(void) { return EPROTONOSUPPORT; }
static inline int czmq_enoent(void) { return ENOENT; }

// ZMQ_IDENTITY is an alias macro of ZMQ_ROUTING_ID; keep one name on the Swift side.
static inline int czmq_routing_id_option(void) { return ZMQ_ROUTING_ID; }

// Names the calling thread (shows in top -H, gdb, perf); prctl is variadic, which Swift cannot call.
#ifdef __linux__
#include <sys/prctl.h>
static inline void czmq_name_this_thread(const char *name) { prctl(PR_SET_NAME, name, 0, 0, 0); }
#else
static inline void czmq_name_this_thread(const char *name) { (void)name; }
#endif
#endif
