package dev.spike.profile.writer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.spike.profile.http.ResponseRecorder;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.TokenEstimate;

/**
 * A {@link ProfileWriter} on a LangChain4j {@link ChatModel} built by {@link ProfileWriters}
 * with LangChain4j's own retries off, so that {@link dev.spike.profile.ProfileRunner} alone
 * decides when to retry.
 */
public final class ChatProfileWriter implements ProfileWriter {

    private final String provider;
    private final String model;
    private final ChatModel chatModel;
    private final FailureClassifier classifier;

    ChatProfileWriter(String provider, String model, ChatModel chatModel, FailureClassifier classifier) {
        this.provider = provider;
        this.model = model;
        this.chatModel = chatModel;
        this.classifier = classifier;
    }

    @Override
    public GeneratedProfile generate(Prompt prompt) throws ProfileWriterException {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(prompt.systemPrompt()), UserMessage.from(prompt.userPrompt()))
                .build();

        ResponseRecorder.clear();
        ChatResponse response;
        try {
            response = chatModel.chat(request);
        } catch (RuntimeException e) {
            throw classifier.classify(e, ResponseRecorder.lastBody());
        } finally {
            ResponseRecorder.clear();
        }

        AiMessage message = response == null ? null : response.aiMessage();
        String text = withoutReasoning(message == null ? null : message.text());
        if (text == null || text.isBlank()) {
            throw FailureClassifier.emptyCompletion();
        }
        return usage(prompt, text.strip(), response.tokenUsage());
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String toString() {
        return "ChatProfileWriter[provider=" + provider + ", model=" + model + "]";
    }

    /**
     * Removes a leading {@code <think>…</think>} block, which reasoning models such as DeepSeek-R1
     * and Qwen3 can put in front of the response text. An unclosed block leaves nothing.
     */
    static String withoutReasoning(String text) {
        if (text == null) {
            return null;
        }
        String trimmed = text.stripLeading();
        if (!trimmed.startsWith("<think>")) {
            return text;
        }
        int end = trimmed.indexOf("</think>");
        return end < 0 ? "" : trimmed.substring(end + "</think>".length());
    }

    private static GeneratedProfile usage(Prompt prompt, String text, TokenUsage usage) {
        Integer in = usage == null ? null : usage.inputTokenCount();
        Integer out = usage == null ? null : usage.outputTokenCount();
        return new GeneratedProfile(text,
                in == null ? prompt.estimatedTokens() : in,
                out == null ? TokenEstimate.of(text) : out);
    }
}
