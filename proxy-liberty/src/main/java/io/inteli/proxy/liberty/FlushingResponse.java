package io.inteli.proxy.liberty;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The data plane's answer with every write sent at once. The core's front door flushes whenever the backend pauses
 * (server-sent events, streamed exports), but RESTEasy's entity stream drops {@code flush()} (RESTEASY-1650), and
 * Liberty would hold the bytes in its response buffer: here each write the front door makes (a piece of what the
 * backend sent, up to 16 KiB) goes out as it is made.
 */
final class FlushingResponse extends HttpServletResponseWrapper {
    private ServletOutputStream out;

    FlushingResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (out == null) {
            out = new Flushing(super.getOutputStream());
        }
        return out;
    }

    private static final class Flushing extends ServletOutputStream {
        private final ServletOutputStream target;

        Flushing(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
            target.flush();
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
            target.flush();
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
