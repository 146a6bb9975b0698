"""How many threads native libraries may use inside one server process.

OpenBLAS (under numpy) starts one thread per core and lets them spin for a while after every matrix product,
waiting for the next. In a server the parallelism is the requests, not one product: those spinning threads take
the cores from the other requests. Measured on 2 cores, one upload's analysis used 43 ms of CPU for 22 ms of
wall time with OpenBLAS's default, 19 ms for the same wall time with one thread (docs/reliability.md).
"""

from threadpoolctl import threadpool_limits


def limit_blas_threads(threads: int) -> None:
    """Cap every BLAS library loaded in this process (numpy's OpenBLAS) at `threads`, for the process's life.

    Call it from the main thread: OpenBLAS ignores the cap when it is set from another thread (measured with
    threadpoolctl 3.8 and numpy 2.4's OpenBLAS), and the cap set there holds for the worker threads too.
    """
    threadpool_limits(limits=threads, user_api="blas")
