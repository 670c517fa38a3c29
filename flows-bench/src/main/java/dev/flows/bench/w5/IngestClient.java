package dev.flows.bench.w5;

/**
 * One sender's way of posting a body to the server's ingest route and waiting for its acknowledgement. Each
 * sender thread has its own; an instance is not shared between threads.
 */
interface IngestClient extends AutoCloseable {

    /**
     * Posts one body and returns once the server answered 200 (every event in it is durable).
     *
     * @throws dev.flows.api.error.FlowsException if the server answers anything else, or the connection fails:
     *     a benchmark whose requests fail measures nothing
     */
    void post(byte[] body);

    @Override
    void close();
}
