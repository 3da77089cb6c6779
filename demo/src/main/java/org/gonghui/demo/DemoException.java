package org.gonghui.demo;

/** The demo cannot go on (the suite refused a step or is unreachable); the message says which step and why. */
public class DemoException extends RuntimeException {

    public DemoException(String message) {
        super(message);
    }
}
