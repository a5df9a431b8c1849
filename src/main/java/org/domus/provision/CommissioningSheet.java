package org.domus.provision;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/**
 * The one-page commissioning sheet (A4 at 150 dpi, PNG): house, hub host name, console address, the CA's
 * fingerprint and a QR code (ZXing) with the same details as JSON. Holds no password. Pure.
 */
final class CommissioningSheet {

    static final int WIDTH = 1240;
    static final int HEIGHT = 1754;

    /** What the sheet shows; none of it is secret. */
    record Content(String house, String houseName, String hostname, List<String> consoleAddresses, String hubUser,
                   String deviceUser, String caFingerprint, String wifiSsid, String format, String createdAt) {

        /** The QR code's text: one JSON object, {@code v} its version. */
        String qrText() {
            StringBuilder json = new StringBuilder("{\"v\":1");
            field(json, "house", house);
            field(json, "hub", hostname);
            json.append(",\"console\":[");
            for (int i = 0; i < consoleAddresses.size(); i++) {
                json.append(i == 0 ? "" : ",").append(BootFiles.yaml(consoleAddresses.get(i)));
            }
            json.append(']');
            field(json, "user", hubUser);
            field(json, "ca_sha256", caFingerprint);
            json.append('}');
            return json.toString();
        }

        private static void field(StringBuilder json, String name, String value) {
            json.append(",\"").append(name).append("\":").append(BootFiles.yaml(value));
        }
    }

    private CommissioningSheet() {
    }

    static byte[] png(Content content) {
        BufferedImage page = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = page.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            int margin = 110;
            g.setColor(new Color(0x1f, 0x2a, 0x44));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 54));
            g.drawString("Domus house hub", margin, 170);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 30));
            g.setColor(new Color(0x55, 0x5f, 0x73));
            g.drawString("Commissioning sheet · keep with the hub", margin, 220);
            g.setStroke(new BasicStroke(3));
            g.drawLine(margin, 250, WIDTH - margin, 250);

            int y = 340;
            y = row(g, margin, y, "House", content.houseName() + " (" + content.house() + ")");
            y = row(g, margin, y, "Hub host name", content.hostname());
            y = row(g, margin, y, "Console", String.join(", ", content.consoleAddresses()));
            y = row(g, margin, y, "Hub's console login", content.hubUser());
            y = row(g, margin, y, "Devices log in to the hub as", content.deviceUser() + " (port "
                    + MosquittoConfig.LOCAL_PORT + ")");
            y = row(g, margin, y, "Wi-Fi", content.wifiSsid() == null ? "wired only" : content.wifiSsid());
            y = row(g, margin, y, "Boot format", content.format());
            y = row(g, margin, y, "Written", content.createdAt());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 22));
            g.setColor(new Color(0x55, 0x5f, 0x73));
            g.drawString("Console CA (SHA-256):", margin, y + 10);
            String fingerprint = content.caFingerprint();
            int half = fingerprint.length() / 2 + 1;
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 22));
            g.drawString(fingerprint.substring(0, Math.min(half, fingerprint.length())), margin, y + 45);
            if (half < fingerprint.length()) {
                g.drawString(fingerprint.substring(half), margin, y + 75);
            }

            int qrSize = 460;
            BitMatrix matrix = qr(content.qrText(), qrSize);
            int qrX = (WIDTH - qrSize) / 2;
            int qrY = y + 120;
            g.setColor(Color.BLACK);
            for (int my = 0; my < matrix.getHeight(); my++) {
                for (int mx = 0; mx < matrix.getWidth(); mx++) {
                    if (matrix.get(mx, my)) {
                        g.fillRect(qrX + mx, qrY + my, 1, 1);
                    }
                }
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
            g.setColor(new Color(0x55, 0x5f, 0x73));
            String caption = "Scan: the hub's details (no passwords).";
            int captionWidth = g.getFontMetrics().stringWidth(caption);
            g.drawString(caption, (WIDTH - captionWidth) / 2, qrY + qrSize + 40);
            g.drawString("Passwords were shown once when the hub was made; they are not on this sheet.",
                    margin, HEIGHT - 60);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(page, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a PNG in memory", e);
        }
        return out.toByteArray();
    }

    private static int row(Graphics2D g, int x, int y, String label, String value) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 24));
        g.setColor(new Color(0x55, 0x5f, 0x73));
        g.drawString(label, x, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 34));
        g.setColor(new Color(0x1f, 0x2a, 0x44));
        g.drawString(value, x, y + 42);
        return y + 85;
    }

    private static BitMatrix qr(String text, int size) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.CHARACTER_SET, "UTF-8");
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        hints.put(EncodeHintType.MARGIN, 2);
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, size, size, hints);
        } catch (WriterException e) {
            throw new IllegalStateException("the hub's details do not fit a QR code", e);
        }
    }
}
