"""Loaded by the llama-cpp-python peer the contract tests start (through PYTHONPATH), only there.

Some virtual machines report AMX in CPUID without enabling it; ggml then picks its AMX matrix
kernels and the server dies of a general protection fault (`ldtilecfg` in
`ggml_backend_amx_mul_mat`) at its first completion. Turning off ggml's extra buffer types, as
llama-server's `--no-repack` does, keeps it on the plain CPU kernels: same server, same
protocol, only the arithmetic path differs.
"""

import llama_cpp.llama_cpp as _llama

_default_params = _llama.llama_model_default_params


def _without_extra_buffers():  # type: ignore[no-untyped-def]
    params = _default_params()
    params.use_extra_bufts = False
    return params


_llama.llama_model_default_params = _without_extra_buffers
