#ifndef TATSH_CONCURRENCY_HOOK_H
#define TATSH_CONCURRENCY_HOOK_H

#include <stdbool.h>

/// Sets the Swift runtime's hook for enqueueing a job on the global executor
/// to `hook`, unless a hook is set already (then false). The hook is found by
/// the linker, so this works in a statically linked program too, where the
/// runtime's symbol is not exported for `dlsym`.
bool tatsh_install_global_enqueue_hook(const void *_Nonnull hook);

#endif
