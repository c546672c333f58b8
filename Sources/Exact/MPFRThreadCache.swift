import CGMP

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// MPFR's per-thread caches — constants such as log 2 at the largest precision asked for, and a
/// pool of integers — live in thread-local storage until the thread frees them, so a thread that
/// exits without doing so leaks them (LeakSanitizer reported it for Dispatch's and Swift
/// concurrency's worker threads, which exit when idle). Every thread that does ball arithmetic
/// registers here, and a thread-exit destructor frees its caches.
enum MPFRThreadCache {
    /// A thread-specific key whose destructor frees the exiting thread's MPFR caches; it runs
    /// for threads that set a non-nil value.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { _ in mpfr_free_cache2(MPFR_FREE_LOCAL_CACHE) }
        return key
    }()

    /// Makes sure the calling thread frees its MPFR caches when it exits (cheap when it already does).
    static func register() {
        guard pthread_getspecific(key) == nil else { return }
        pthread_setspecific(key, UnsafeRawPointer(bitPattern: 1))
    }
}
