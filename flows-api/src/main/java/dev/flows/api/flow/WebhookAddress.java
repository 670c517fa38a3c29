package dev.flows.api.flow;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A webhook URL without what may hold secrets (user info, query, fragment): how records, logs and messages
 * name where events go.
 */
final class WebhookAddress {

    private WebhookAddress() {}

    /** {@code scheme://host[:port]/path}; a URL that does not parse is cut at its first '?' or '#'. */
    static String of(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() != null && uri.getHost() != null) {
                String port = uri.getPort() == -1 ? "" : ":" + uri.getPort();
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                return uri.getScheme() + "://" + uri.getHost() + port + path;
            }
        } catch (URISyntaxException e) {
            // cut by hand below: a record must still name the destination
        }
        int cut = url.length();
        for (char c : new char[] {'?', '#'}) {
            int at = url.indexOf(c);
            cut = at >= 0 ? Math.min(cut, at) : cut;
        }
        int userInfo = url.lastIndexOf('@', cut - 1);
        int scheme = url.indexOf("://");
        return userInfo > scheme && scheme >= 0
                ? url.substring(0, scheme + 3) + url.substring(userInfo + 1, cut)
                : url.substring(0, cut);
    }
}
