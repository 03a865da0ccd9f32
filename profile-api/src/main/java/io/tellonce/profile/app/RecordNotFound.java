package io.tellonce.profile.app;

/** A case or interaction named by the request does not exist in the caller's tenant. */
public final class RecordNotFound extends RuntimeException {
    private final String resourceType;
    private final String name;

    /** @param resourceType the wire type, e.g. {@code tellonce.v1.Case} */
    public RecordNotFound(String resourceType, String name) {
        super("no " + resourceType.substring(resourceType.lastIndexOf('.') + 1).toLowerCase() + " " + name, null,
                false, false);
        this.resourceType = resourceType;
        this.name = name;
    }

    public String resourceType() {
        return resourceType;
    }

    public String name() {
        return name;
    }
}
