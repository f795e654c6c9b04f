package com.acme.crm.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A crm-service child process serving HTTP: the API and the management interface (health), each on the port the
 * system gave it (no race for a free port). Its API requests carry a token with both scopes.
 */
public final class ServedApi {

    private static final Pattern LISTENING = Pattern
            .compile("Listening on: http://[^:\\s]+:(\\d+)\\. Management interface listening on http://[^:\\s]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** Signed once: signing costs a millisecond, too much for every request of a load test. */
    private static final String SIGNED_IN = TestTokens.bearer(TestTokens.READ + " " + TestTokens.WRITE);

    private final CommandProcess process;
    private final int port;
    private final int managementPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServedApi(CommandProcess process, int port, int managementPort) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
    }

    static ServedApi await(CommandProcess process) throws InterruptedException {
        process.awaitOutput("Management interface listening on", START_TIMEOUT);
        Matcher listening = LISTENING.matcher(process.output());
        if (!listening.find()) {
            throw new AssertionError("No ports in the start-up log:\n" + process.output());
        }
        return new ServedApi(process, Integer.parseInt(listening.group(1)), Integer.parseInt(listening.group(2)));
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public URI readinessUri() {
        return URI.create("http://localhost:" + managementPort + "/q/health/ready");
    }

    public CommandProcess process() {
        return process;
    }

    /** A request to the API, signed in with both scopes. */
    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).header("Authorization", SIGNED_IN);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).build());
    }

    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The readiness endpoint's answer. */
    public HttpResponse<String> readiness() throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(readinessUri()).timeout(Duration.ofSeconds(5)).build());
    }

    /** Waits until readiness answers with the status, once the schema has been checked. */
    public HttpResponse<String> awaitReadiness(int status, Duration timeout) throws Exception {
        HttpResponse<String>[] last = new HttpResponse[1];
        Await.until("readiness " + status, timeout, () -> {
            last[0] = readiness();
            return last[0].statusCode() == status && !last[0].body().contains("has not been checked yet");
        });
        return last[0];
    }
}
