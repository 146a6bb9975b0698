"""How many threads native libraries may use inside one server process.

OpenBLAS (under numpy) starts one thread per core and lets them spin for a while after every matrix product,
waiting for the next. In a server the parallelism is the requests, not one product: those spinning threads take
the cores from the other requests. Measured on 2 cores, one upload's analysis used 43 ms of CPU for 22 ms of
wall time with OpenBLAS's default, 19 ms for the same wall time with one thread (docs/reliability.md).
"""

from threadpoolctl import threadpool_limits


def limit_blas_threads(threads: int) -> None:
    """Cap every BLAS library loaded in this process (numpy's OpenBLAS) at `threads`, for the process's life."""
    threadpool_limits(limits=threads, user_api="blas")
