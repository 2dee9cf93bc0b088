#include "ConcurrencyHook.h"

extern const void *swift_task_enqueueGlobal_hook;

bool tatsh_install_global_enqueue_hook(const void *hook) {
  const void *none = 0;
  return __atomic_compare_exchange_n(&swift_task_enqueueGlobal_hook, &none, hook, false, __ATOMIC_SEQ_CST,
                                     __ATOMIC_SEQ_CST);
}
