package vn.egovpulse.loadtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Screenshots a local HTML file with headless Chromium, and checks a PNG is not blank. */
final class HeadlessChromium {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** Fails with a clear message when Chromium is not installed (CI installs it). */
  static void requireInstalled() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new AssertionError(
          CHROMIUM
              + " is missing: the HTML report test screenshots the page with headless Chromium;"
              + " install it (Debian: apt-get install -y chromium)");
    }
  }

  /** Renders {@code html} at 1280×2000 into {@code png}; the profile lives in {@code workDir}. */
  static void screenshot(Path html, Path png, Path workDir)
      throws IOException, InterruptedException {
    requireInstalled();
    Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
    Path log = workDir.resolve("chromium.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    CHROMIUM.toString(),
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--user-data-dir=" + profile.toAbsolutePath(),
                    "--screenshot=" + png.toAbsolutePath(),
                    "--window-size=1280,2000",
                    html.toAbsolutePath().toUri().toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s; see " + log);
    }
    assertThat(png).as("chromium wrote no screenshot; see %s", log).exists();
  }

  /** Not blank: a real size, many colours, and a fair share of non-white pixels. */
  static void assertNonTrivial(Path png) throws IOException {
    assertThat(Files.size(png)).as("PNG size").isGreaterThan(20_000);
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("a readable PNG").isNotNull();
    assertThat(image.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    long inked = 0;
    long pixels = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        pixels++;
        int r = rgb >> 16 & 0xFF;
        int g = rgb >> 8 & 0xFF;
        int b = rgb & 0xFF;
        if (r + g + b < 600) {
          inked++;
        }
      }
    }
    assertThat(colours.size()).as("distinct colours").isGreaterThan(50);
    assertThat((double) inked / pixels).as("share of drawn pixels").isGreaterThan(0.01);
  }
}
