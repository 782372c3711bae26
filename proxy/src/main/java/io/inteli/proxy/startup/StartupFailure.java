package io.inteli.proxy.startup;

/**
 * Why the proxy cannot start, as the one line it prints: the cause and, where there is one, the key to change
 * ({@code cannot listen on 0.0.0.0:8080 (address already in use): set server.port}).
 */
final class StartupFailure extends RuntimeException {
    StartupFailure(String line) {
        super(line);
    }

    StartupFailure(String line, Throwable cause) {
        super(line, cause);
    }

    /** {@code what (cause): set key}. */
    static StartupFailure of(String what, Throwable cause, String key) {
        return new StartupFailure(what + " (" + describe(cause) + "): set " + key, cause);
    }

    /** A cause in a few words: the JDK's message, lower-cased at the start as it sits inside a sentence. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (root instanceof java.nio.file.AccessDeniedException) {
            message = "permission denied: " + message;
        } else if (root instanceof java.nio.file.FileSystemException fs) {
            message = fs.getReason() != null ? fs.getReason() + ": " + fs.getFile() : fs.getFile();
            if (root instanceof java.nio.file.NoSuchFileException) {
                message = "no such file: " + fs.getFile();
            } else if (root instanceof java.nio.file.FileAlreadyExistsException) {
                message = "a file is in the way: " + fs.getFile();
            }
        }
        if (message == null || message.isBlank()) {
            message = root.getClass().getSimpleName();
        }
        message = message.replace('\n', ' ').replace('\r', ' ');
        if (message.length() > 1 && Character.isUpperCase(message.charAt(0)) && Character.isLowerCase(message.charAt(1))) {
            message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        }
        return message;
    }
}
