package glocal.schemas.registry.server;

/** An error answer: HTTP status plus Confluent's {@code error_code} and message. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final int errorCode;

    ApiException(int status, int errorCode, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static ApiException notFound() {
        return new ApiException(404, 404, "HTTP 404 Not Found");
    }

    static ApiException methodNotAllowed() {
        return new ApiException(405, 405, "HTTP 405 Method Not Allowed");
    }
}
