package dev.flows.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Whether a listen address is reachable from this machine only. */
final class Loopback {

    private Loopback() {}

    /** True for 127.0.0.0/8, ::1 and names that resolve to them only (such as localhost). */
    static boolean is(String host) {
        try {
            InetAddress[] addresses = InetAddress.getAllByName(host);
            for (InetAddress address : addresses) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return addresses.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
