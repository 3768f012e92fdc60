package dev.spike.profile.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A deterministic OpenAI-compatible and Ollama server on 127.0.0.1 for tests, with scripted
 * faults. It serves {@code /v1/chat/completions}, {@code /v1/embeddings}, {@code /api/chat}
 * and {@code /api/embed}, records every request with its timing, and tracks the max number of
 * requests in flight.
 *
 * <p>A chat answer is "&lt;name&gt; is a fine subject.", where the name is read from the
 * "Name:" data block of the user prompt. An embedding is an 8-value vector derived from the
 * text's hash, not normalised. Faults are applied in this order: a rule whose marker occurs in
 * the request body, then the next queued fault, then the fault set with {@link #always}.
 */
public final class FakeModelServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EMBEDDING_DIMENSION = 8;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "fake-model-server");
        thread.setDaemon(true);
        return thread;
    });
    private final CountDownLatch closed = new CountDownLatch(1);

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final Deque<Fault> queued = new ArrayDeque<>();
    private final Map<String, Fault> rules = new LinkedHashMap<>();
    private Fault always;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private volatile boolean reasoningModel;
    private volatile Duration responseDelay = Duration.ZERO;
    private volatile Duration coldDelay;
    private volatile Duration warmWindow = Duration.ofSeconds(60);
    /** System.nanoTime() of the last Ollama response, or 0 before the first. */
    private final AtomicLong lastOllamaCompletion = new AtomicLong();

    private FakeModelServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", exchange -> handle(exchange, this::openAiChat));
        server.createContext("/v1/embeddings", exchange -> handle(exchange, this::openAiEmbeddings));
        server.createContext("/api/chat", exchange -> handle(exchange, this::ollamaChat));
        server.createContext("/api/embed", exchange -> handle(exchange, this::ollamaEmbed));
    }

    /** Starts a server on an ephemeral port of 127.0.0.1. */
    public static FakeModelServer start() throws IOException {
        FakeModelServer fake = new FakeModelServer();
        fake.server.start();
        return fake;
    }

    /** Returns the root URL, such as http://127.0.0.1:12345, which is the Ollama base URL. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Returns the OpenAI-compatible base URL, the root URL plus "/v1". */
    public String openAiBaseUrl() {
        return baseUrl() + "/v1";
    }

    /** Queues faults for the next requests, one fault per request, in arrival order. */
    public synchronized FakeModelServer enqueue(Fault... faults) {
        queued.addAll(List.of(faults));
        return this;
    }

    /** Applies the fault to every request whose body contains the marker. */
    public synchronized FakeModelServer whenBodyContains(String marker, Fault fault) {
        rules.put(marker, fault);
        return this;
    }

    /** Applies the fault to every request that no rule or queued fault matches. */
    public synchronized FakeModelServer always(Fault fault) {
        always = fault;
        return this;
    }

    /**
     * Makes the Ollama endpoints behave like a model that is not loaded: a request waits for
     * {@code delay} before its response is sent, unless an Ollama response was sent in the last
     * {@code window}. A request abandoned by its client still completes and warms the model
     * once its delay ends, as the model load would.
     */
    public FakeModelServer coldStart(Duration delay, Duration window) {
        this.coldDelay = delay;
        this.warmWindow = window;
        return this;
    }

    /**
     * Makes {@code /v1/chat/completions} check parameters as OpenAI does for a reasoning model
     * such as o1. A request with {@code max_tokens}, or with a {@code temperature} other than 1,
     * gets HTTP 400 with an {@code invalid_request_error} body that names the parameter.
     */
    public FakeModelServer actAsReasoningModel() {
        this.reasoningModel = true;
        return this;
    }

    /** Delays every successful response by the given time, like a model generating text. */
    public FakeModelServer responseDelay(Duration delay) {
        this.responseDelay = delay;
        return this;
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<RecordedRequest> requests(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Returns one line per request: arrival and response time in ms since the server started, path and status. */
    public synchronized List<String> log() {
        return List.copyOf(log);
    }

    public int maxInFlight() {
        return maxInFlight.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Handler {
        Response respond(JsonNode request, Fault fault) throws InterruptedException;
    }

    private record Response(int status, String body, String retryAfter) {
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        long start = System.nanoTime();
        int current = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(current, Math::max);
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        String path = exchange.getRequestURI().getPath();
        int status = 0;
        long end = 0;
        boolean recorded = false;
        try {
            Response response = respond(path, body, handler);
            if (response != null && response.body() != null) {
                // Recorded before the body goes out: once the client has read it, a test may
                // already count the requests.
                record(new RecordedRequest(path, headers, body, start, System.nanoTime(), response.status()));
                recorded = true;
            }
            if (response != null) {
                send(exchange, response);
                status = response.status();
                end = System.nanoTime();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.decrementAndGet();
            if (!recorded) {
                record(new RecordedRequest(path, headers, body, start, end, status));
            }
            exchange.close();
        }
    }

    private Response respond(String path, String body, Handler handler) throws InterruptedException {
        Fault fault = nextFault(body);
        if (fault != null && fault.kind() == Fault.Kind.HANG) {
            closed.await();
            return null;
        }
        if (fault != null && fault.kind() == Fault.Kind.STALL_BODY) {
            return new Response(200, null, null);
        }
        if (fault != null && fault.kind() == Fault.Kind.STATUS) {
            String errorBody = fault.body() != null ? fault.body()
                    : "{\"error\":{\"message\":\"fake error " + fault.status() + "\",\"type\":\"server_error\"}}";
            return new Response(fault.status(), errorBody, fault.retryAfter());
        }
        if (fault != null && fault.kind() == Fault.Kind.BAD_JSON) {
            return new Response(200, "{\"choices\": [ this is not json", null);
        }
        if (path.startsWith("/api/")) {
            waitIfCold();
        }
        if (!responseDelay.isZero() && closed.await(responseDelay.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("server closed");
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (IOException e) {
            return new Response(400, "{\"error\":{\"message\":\"request is not JSON\"}}", null);
        }
        Response response = handler.respond(request, fault);
        if (path.startsWith("/api/")) {
            lastOllamaCompletion.set(System.nanoTime());
        }
        return response;
    }

    private void waitIfCold() throws InterruptedException {
        Duration delay = coldDelay;
        if (delay == null) {
            return;
        }
        long last = lastOllamaCompletion.get();
        boolean warm = last != 0 && System.nanoTime() - last < warmWindow.toNanos();
        if (!warm && closed.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new InterruptedException("server closed");
        }
    }

    private synchronized Fault nextFault(String body) {
        for (Map.Entry<String, Fault> rule : rules.entrySet()) {
            if (body.contains(rule.getKey())) {
                return rule.getValue();
            }
        }
        Fault next = queued.poll();
        return next != null ? next : always;
    }

    private synchronized void record(RecordedRequest request) {
        requests.add(request);
        long origin = requests.get(0).startNanos();
        log.add(String.format(Locale.ROOT, "%8.1f ms -> %8.1f ms %s %d",
                (request.startNanos() - origin) / 1e6,
                request.endNanos() == 0 ? -1.0 : (request.endNanos() - origin) / 1e6,
                request.path(), request.status()));
    }

    private void send(HttpExchange exchange, Response response) throws IOException, InterruptedException {
        if (response.body() == null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), 1000);
            exchange.getResponseBody().flush();
            closed.await();
            return;
        }
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (response.retryAfter() != null) {
            exchange.getResponseHeaders().set("retry-after", response.retryAfter());
        }
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Response openAiChat(JsonNode request, Fault fault) {
        Response rejected = reasoningModel ? reasoningModelError(request) : null;
        if (rejected != null) {
            return rejected;
        }
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-fake")
                .put("object", "chat.completion")
                .put("created", 0)
                .put("model", request.path("model").asText());
        ArrayNode choices = root.putArray("choices");
        if (fault == null || fault.kind() != Fault.Kind.EMPTY_CHOICES) {
            ObjectNode choice = choices.addObject().put("index", 0).put("finish_reason", "stop");
            ObjectNode message = choice.putObject("message").put("role", "assistant");
            putContent(message, answer(request), fault);
        }
        root.putObject("usage").put("prompt_tokens", 42).put("completion_tokens", 7).put("total_tokens", 49);
        return new Response(200, root.toString(), null);
    }

    /** Returns the HTTP 400 of a reasoning model for a parameter it does not take, or null when there is none. */
    private static Response reasoningModelError(JsonNode request) {
        if (request.has("max_tokens")) {
            return badRequest("Unsupported parameter: 'max_tokens' is not supported with this model."
                    + " Use 'max_completion_tokens' instead.", "max_tokens", "unsupported_parameter");
        }
        JsonNode temperature = request.get("temperature");
        if (temperature != null && temperature.asDouble() != 1.0) {
            return badRequest("Unsupported value: 'temperature' does not support " + temperature
                    + " with this model. Only the default (1) value is supported.", "temperature", "unsupported_value");
        }
        return null;
    }

    private static Response badRequest(String message, String parameter, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error")
                .put("message", message)
                .put("type", "invalid_request_error")
                .put("param", parameter)
                .put("code", code);
        return new Response(400, root.toString(), null);
    }

    private Response ollamaChat(JsonNode request, Fault fault) {
        ObjectNode root = JSON.createObjectNode()
                .put("model", request.path("model").asText())
                .put("created_at", "2025-01-01T00:00:00Z");
        if (fault == null || fault.kind() != Fault.Kind.EMPTY_CHOICES) {
            ObjectNode message = root.putObject("message").put("role", "assistant");
            putContent(message, answer(request), fault);
        }
        root.put("done", true).put("done_reason", "stop").put("prompt_eval_count", 42).put("eval_count", 7);
        return new Response(200, root.toString(), null);
    }

    private static void putContent(ObjectNode message, String answer, Fault fault) {
        Fault.Kind kind = fault == null ? null : fault.kind();
        if (kind == Fault.Kind.NULL_CONTENT) {
            message.putNull("content");
        } else if (kind == Fault.Kind.EMPTY_CONTENT) {
            message.put("content", "");
        } else if (kind == Fault.Kind.BLANK_CONTENT) {
            message.put("content", " \n\t ");
        } else {
            message.put("content", answer);
        }
    }

    private Response openAiEmbeddings(JsonNode request, Fault fault) {
        ObjectNode root = JSON.createObjectNode().put("object", "list").put("model", request.path("model").asText());
        ArrayNode data = root.putArray("data");
        int index = 0;
        for (String text : texts(request.path("input"))) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", index++);
            vector(item.putArray("embedding"), text);
        }
        root.putObject("usage").put("prompt_tokens", 3).put("total_tokens", 3);
        return new Response(200, root.toString(), null);
    }

    private Response ollamaEmbed(JsonNode request, Fault fault) {
        ObjectNode root = JSON.createObjectNode().put("model", request.path("model").asText());
        ArrayNode embeddings = root.putArray("embeddings");
        for (String text : texts(request.path("input"))) {
            vector(embeddings.addArray(), text);
        }
        return new Response(200, root.toString(), null);
    }

    private static List<String> texts(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isArray()) {
            input.forEach(node -> texts.add(node.asText()));
        } else {
            texts.add(input.asText());
        }
        return texts;
    }

    /** Writes 8 values in [1, 5) derived from the text's hash, so equal texts give equal vectors. */
    private static void vector(ArrayNode target, String text) {
        int hash = text.hashCode();
        for (int i = 0; i < EMBEDDING_DIMENSION; i++) {
            target.add(1.0 + ((hash >>> (i * 4)) & 0xF) / 4.0);
        }
    }

    /** Returns "&lt;name&gt; is a fine subject." from the "Name:" data block of the last user message. */
    private static String answer(JsonNode request) {
        String prompt = "";
        for (JsonNode message : request.path("messages")) {
            if ("user".equals(message.path("role").asText())) {
                prompt = message.path("content").asText();
            }
        }
        String marker = "Name:\n<data>\n";
        int start = prompt.indexOf(marker);
        if (start < 0) {
            return "A fine subject.";
        }
        int end = prompt.indexOf('\n', start + marker.length());
        return prompt.substring(start + marker.length(), end < 0 ? prompt.length() : end) + " is a fine subject.";
    }
}
