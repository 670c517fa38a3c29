package dev.flows.server.http;

import dev.flows.analytics.AnalyticsException;
import dev.flows.analytics.export.ChannelExport;
import dev.flows.analytics.export.ExportFormat;
import dev.flows.server.auth.Access;
import dev.flows.server.auth.Verb;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * {@code GET /channels/{name}/export?format=parquet|jsonl[&from=TIME][&to=TIME]}: the channel's history, or the
 * records whose event time is in {@code [from, to)}, as a file to download (see {@link ChannelExport} for the order
 * and the columns). The channel and parameters are checked before the first byte is sent.
 */
final class ExportRoutes {

    private final ChannelExport export;
    private final ChannelResolver channels;

    ExportRoutes(ChannelExport export, ChannelResolver channels) {
        this.export = export;
        this.channels = channels;
    }

    void register(RoutesConfig routes) {
        routes.get("/channels/{name}/export", this::export, Access.on(Verb.CONSUME));
    }

    private void export(Context ctx) throws IOException {
        String channel = channels.require(ctx.pathParam("name")).name();
        String formatText = ctx.queryParam("format") == null ? "jsonl" : ctx.queryParam("format");
        ExportFormat format = ExportFormat.parse(formatText)
                .orElseThrow(() -> ApiException.badRequest(
                        "invalid-parameter",
                        "query parameter 'format' is '" + formatText + "'; use parquet or jsonl (the default)"));
        Instant from = AnalyticsProblems.instantParam("from", ctx.queryParam("from"));
        Instant to = AnalyticsProblems.instantParam("to", ctx.queryParam("to"));
        ctx.contentType(format.mediaType());
        ctx.header("Content-Disposition", "attachment; filename=\"" + channel + "." + format.extension() + "\"");
        try {
            OutputStream out = ctx.res().getOutputStream();
            long records = export.export(channel, format, from, to, out);
            out.flush();
            ctx.attribute("flows.export.records", records);
        } catch (AnalyticsException e) {
            throw AnalyticsProblems.of(e, null);
        } catch (UncheckedIOException e) {
            // the client went away mid-download; there is nobody to answer
        }
    }
}
