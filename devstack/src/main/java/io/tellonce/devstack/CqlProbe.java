package io.tellonce.devstack;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks a CQL port whether it really serves CQL, with two requests of the native protocol (v4): OPTIONS must
 * be answered with SUPPORTED and STARTUP with READY (or AUTHENTICATE when authentication is on). An open
 * port alone is not enough: the port may belong to something else. This avoids a driver dependency.
 */
final class CqlProbe {

    private static final int VERSION_4_REQUEST = 0x04;
    private static final int OPCODE_ERROR = 0x00;
    private static final int OPCODE_STARTUP = 0x01;
    private static final int OPCODE_READY = 0x02;
    private static final int OPCODE_AUTHENTICATE = 0x03;
    private static final int OPCODE_OPTIONS = 0x05;
    private static final int OPCODE_SUPPORTED = 0x06;

    private CqlProbe() {
    }

    static boolean answers(String host, int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            send(out, 1, OPCODE_OPTIONS, new byte[0]);
            if (receiveOpcode(in) != OPCODE_SUPPORTED) {
                return false;
            }
            send(out, 2, OPCODE_STARTUP, startupBody());
            int opcode = receiveOpcode(in);
            return opcode == OPCODE_READY || opcode == OPCODE_AUTHENTICATE;
        } catch (IOException e) {
            return false;
        }
    }

    private static void send(DataOutputStream out, int stream, int opcode, byte[] body) throws IOException {
        out.writeByte(VERSION_4_REQUEST);
        out.writeByte(0); // flags
        out.writeShort(stream);
        out.writeByte(opcode);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Reads one response frame and returns its opcode (ERROR when it is not a v4 response). */
    private static int receiveOpcode(DataInputStream in) throws IOException {
        int version = in.readUnsignedByte();
        in.readUnsignedByte(); // flags
        in.readUnsignedShort(); // stream
        int opcode = in.readUnsignedByte();
        int length = in.readInt();
        in.skipNBytes(length);
        return version == (0x80 | VERSION_4_REQUEST) ? opcode : OPCODE_ERROR;
    }

    /** A [string map] with CQL_VERSION, the only option STARTUP requires. */
    private static byte[] startupBody() {
        byte[] key = "CQL_VERSION".getBytes(StandardCharsets.UTF_8);
        byte[] value = "3.0.0".getBytes(StandardCharsets.UTF_8);
        var body = new java.io.ByteArrayOutputStream();
        var out = new DataOutputStream(body);
        try {
            out.writeShort(1);
            out.writeShort(key.length);
            out.write(key);
            out.writeShort(value.length);
            out.write(value);
        } catch (IOException e) {
            throw new IllegalStateException(e); // cannot happen in memory
        }
        return body.toByteArray();
    }
}
