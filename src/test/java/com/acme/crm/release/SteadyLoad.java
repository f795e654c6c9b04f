package com.acme.crm.release;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.acme.crm.testsupport.ServedApi;

/**
 * A steady mix of API requests (half GET, a fifth POST, the rest PUT with If-Match), sent the way a Kubernetes Service
 * sends them: round-robin to the instances whose readiness answered 200 at its last check, every half second. Each
 * worker writes only the contacts it created, so that no request fails by a race of the load itself: every failure is
 * the service's.
 */
final class SteadyLoad implements AutoCloseable {

    /** What one stretch of the load saw. */
    record Window(long requests, long failed, long p99Millis, double perSecond, List<String> failures) {
    }

    private static final Duration PROBE_PERIOD = Duration.ofMillis(500);
    private static final Pattern ID = Pattern.compile("\"id\":(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<ServedApi, Boolean> instances = new ConcurrentHashMap<>();
    private final List<ServedApi> rotation = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private final ExecutorService workers;
    private final int workerCount;
    private final long periodNanos;
    private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong requests = new AtomicLong();
    private volatile boolean running = true;
    private long windowStart = System.nanoTime();

    SteadyLoad(int requestsPerSecond, int workerCount) {
        this.workerCount = workerCount;
        this.periodNanos = TimeUnit.SECONDS.toNanos(1) * workerCount / requestsPerSecond;
        this.workers = Executors.newFixedThreadPool(workerCount + 1);
    }

    /** Puts an instance behind the load balancer; it gets requests once its readiness answers 200. */
    void add(ServedApi instance) {
        instances.put(instance, false);
    }

    void start() {
        workers.submit(this::probe);
        for (int w = 0; w < workerCount; w++) {
            int worker = w;
            workers.submit(() -> work(worker));
        }
    }

    /** The requests since the last window, and a new window from now on. */
    synchronized Window window() {
        long count = requests.getAndSet(0);
        List<Long> sorted;
        synchronized (latencies) {
            sorted = new ArrayList<>(latencies);
            latencies.clear();
        }
        List<String> failed;
        synchronized (failures) {
            failed = new ArrayList<>(failures);
            failures.clear();
        }
        Collections.sort(sorted);
        long p99 = sorted.isEmpty() ? 0 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        windowStart = System.nanoTime();
        return new Window(count, failed.size(), p99, count / seconds, failed);
    }

    /** Whether an instance is getting requests now. */
    boolean inRotation(ServedApi instance) {
        return rotation.contains(instance);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        workers.shutdown();
        workers.awaitTermination(30, TimeUnit.SECONDS);
    }

    private void probe() {
        while (running) {
            for (ServedApi instance : instances.keySet()) {
                boolean ready;
                try {
                    ready = http.send(
                            HttpRequest.newBuilder(instance.readinessUri()).timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (Exception e) {
                    ready = false;
                }
                if (ready && !rotation.contains(instance)) {
                    rotation.add(instance);
                } else if (!ready) {
                    rotation.remove(instance);
                }
            }
            sleep(PROBE_PERIOD.toNanos());
        }
    }

    private void work(int worker) {
        List<long[]> owned = new ArrayList<>(); // id, version
        long deadline = System.nanoTime();
        for (long n = 0; running; n++) {
            deadline += periodNanos;
            sleep(deadline - System.nanoTime());
            ServedApi instance = pick();
            if (instance == null) {
                continue;
            }
            long kind = n % 10;
            if (owned.isEmpty() || kind < 2) {
                send(instance, post(instance, worker, n), response -> {
                    Matcher id = ID.matcher(response.body());
                    if (id.find()) {
                        owned.add(new long[] { Long.parseLong(id.group(1)), 0 });
                    }
                });
            } else if (kind < 7) {
                long[] contact = owned.get((int) (n % owned.size()));
                send(instance, instance.request("/api/contacts/" + contact[0]).timeout(Duration.ofSeconds(10)).build(),
                        response -> {
                        });
            } else {
                long[] contact = owned.get((int) (n % owned.size()));
                HttpRequest put = instance.request("/api/contacts/" + contact[0]).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("If-Match", "\"" + contact[1] + "\"")
                        .PUT(HttpRequest.BodyPublishers.ofString(body(worker, n, contact[0]))).build();
                send(instance, put, response -> contact[1]++);
            }
        }
    }

    private HttpRequest post(ServedApi instance, int worker, long n) {
        return instance.request("/api/contacts").timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(worker, n, -1))).build();
    }

    private static String body(int worker, long n, long id) {
        return """
                {"firstName":"Load%d","lastName":"Request%d","email":"load-%d-%d-%d@example.com"}""".formatted(worker,
                n, worker, id < 0 ? n : id, System.nanoTime());
    }

    private void send(ServedApi instance, HttpRequest request, java.util.function.Consumer<HttpResponse<String>> ok) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 == 2) {
                ok.accept(response);
            } else {
                failures.add(request.method() + " " + request.uri() + " -> " + response.statusCode() + " "
                        + response.body());
            }
        } catch (Exception e) {
            failures.add(request.method() + " " + request.uri() + " -> " + e);
        } finally {
            latencies.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            requests.incrementAndGet();
        }
    }

    private ServedApi pick() {
        synchronized (rotation) {
            return rotation.isEmpty() ? null : rotation.get(Math.floorMod(next.getAndIncrement(), rotation.size()));
        }
    }

    private static void sleep(long nanos) {
        if (nanos > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
