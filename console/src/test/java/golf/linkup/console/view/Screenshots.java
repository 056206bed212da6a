package golf.linkup.console.view;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** PNG screenshots of a scene, headless (Monocle renders in software; no javafx-swing needed). */
final class Screenshots {

    static final Path DIR = Path.of("target", "screenshots");

    private Screenshots() {
    }

    static Path save(Scene scene, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage image = WaitForAsyncUtils.asyncFx(() -> scene.snapshot(null)).get();
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] pixels = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        BufferedImage png = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, pixels, 0, w);
        Files.createDirectories(DIR);
        Path file = DIR.resolve(name + ".png");
        if (!ImageIO.write(png, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
        return file;
    }
}
