package workflow

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"os"
	"plugpub/workflow/i18n"
	"strings"
	"syscall"
)

// MaxLogoBytes is the largest logo file accepted.
const MaxLogoBytes = 2 << 20

// MaxLogoSide bounds a logo's width and height in pixels. A small PNG can
// claim a huge canvas, and CheckLogo decodes every pixel.
const MaxLogoSide = 4096

// LogoRefPrefix starts every stored logo reference.
const LogoRefPrefix = "sha256:"

// Logo media types returned by CheckLogo.
const (
	LogoPNG  = "image/png"
	LogoJPEG = "image/jpeg"
)

var pngSignature = []byte("\x89PNG\r\n\x1a\n")

// CheckLogo tells whether b is a logo the market can show: a PNG or JPEG
// file of at most MaxLogoBytes that decodes completely, judged by its bytes
// and never by a file name. It returns the media type.
func CheckLogo(b []byte) (mime string, err error) {
	switch {
	case len(b) == 0:
		return "", i18n.Errorf("the logo file is empty")
	case len(b) > MaxLogoBytes:
		return "", i18n.Errorf("the logo is %s; the limit is %s", humanBytes(len(b)), humanBytes(MaxLogoBytes))
	}
	var (
		decodeConfig func([]byte) (image.Config, error)
		decode       func([]byte) error
	)
	switch {
	case bytes.HasPrefix(b, pngSignature):
		mime = LogoPNG
		decodeConfig = func(b []byte) (image.Config, error) { return png.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) error { _, err := png.Decode(bytes.NewReader(b)); return err }
	case bytes.HasPrefix(b, []byte{0xFF, 0xD8, 0xFF}):
		mime = LogoJPEG
		decodeConfig = func(b []byte) (image.Config, error) { return jpeg.DecodeConfig(bytes.NewReader(b)) }
		decode = func(b []byte) error { _, err := jpeg.Decode(bytes.NewReader(b)); return err }
	default:
		if kind := sniffImageKind(b); kind != "" {
			return "", i18n.Errorf("the logo must be a PNG or JPEG image; this file looks like %s", word(kind))
		}
		return "", i18n.Errorf("the logo must be a PNG or JPEG image; this file is neither")
	}
	name := strings.ToUpper(strings.TrimPrefix(mime, "image/"))
	// The header alone is cheap and rejects absurd sizes before the full
	// decode, which is what catches a truncated or corrupted file.
	cfg, err := decodeConfig(b)
	if err != nil {
		return "", i18n.Errorf("the logo starts like a %s file but is damaged: %v", name, err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return "", i18n.Errorf("the logo is %d×%d pixels; each side must be 1 to %d", cfg.Width, cfg.Height, MaxLogoSide)
	}
	if err := decode(b); err != nil {
		return "", i18n.Errorf("the logo starts like a %s file but is damaged or cut short: %v", name, err)
	}
	return mime, nil
}

// ReadLogoFile reads the logo file at path and checks it with CheckLogo;
// the console and the command line both read a logo through it. Only a
// regular file is read, and only after its size is known to be within
// MaxLogoBytes: a named pipe would block the open until a writer came
// (maybe never), a device would never end, and a 3 GB file would be read
// into memory just to be refused. The errors name the path and say what is
// wrong; an open or stat failure wraps the fs error (fs.ErrNotExist…).
func ReadLogoFile(path string) ([]byte, error) {
	b, err := readRegularFile(path, MaxLogoBytes, func(size int64) error {
		return i18n.Errorf("%s is %s; a logo is at most %s", path, humanBytes64(size), humanBytes(MaxLogoBytes))
	}, func() error {
		return i18n.Errorf("%s grew while it was read; a logo is at most %s", path, humanBytes(MaxLogoBytes))
	})
	if err != nil {
		return nil, err
	}
	if _, err := CheckLogo(b); err != nil {
		return nil, err
	}
	return b, nil
}

// ReadLogo reads a logo from r (a command's stdin: over SSH the session's)
// and checks it with CheckLogo. At most one byte past MaxLogoBytes is read,
// so a stream that never ends is refused instead of filling memory; name
// says where it came from in the messages.
func ReadLogo(r io.Reader, name string) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxLogoBytes+1))
	if err != nil {
		return nil, i18n.Errorf("cannot read %s: %w", name, err)
	}
	if len(b) > MaxLogoBytes {
		return nil, i18n.Errorf("%s has more than %s; a logo is at most %s", name, humanBytes(MaxLogoBytes), humanBytes(MaxLogoBytes))
	}
	if _, err := CheckLogo(b); err != nil {
		return nil, err
	}
	return b, nil
}

// readRegularFile reads a regular file of at most max bytes: tooBig says
// what a larger one is refused with, before a byte is read, and grew what
// one that grew past max while it was read is.
func readRegularFile(path string, max int, tooBig func(size int64) error, grew func() error) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, openError(path, err)
	}
	if err := regularFile(path, fi, max, tooBig); err != nil {
		return nil, err
	}
	// O_NONBLOCK: should the path become a FIFO between the Stat and the
	// open, the open returns at once instead of waiting for a writer. It
	// changes nothing for a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, openError(path, err)
	}
	defer f.Close()
	fi, err = f.Stat()
	if err != nil {
		return nil, i18n.Errorf("cannot read %s: %w", path, err)
	}
	if err := regularFile(path, fi, max, tooBig); err != nil {
		return nil, err
	}
	// One byte more than the size it claimed tells a file that grew since.
	b, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return nil, i18n.Errorf("cannot read %s: %w", path, err)
	}
	if len(b) > max {
		return nil, grew()
	}
	return b, nil
}

// regularFile refuses what is not a regular file, or one too large, by
// what Stat says, before a byte is read.
func regularFile(path string, fi fs.FileInfo, max int, tooBig func(size int64) error) error {
	m := fi.Mode()
	if !m.IsRegular() {
		return i18n.Errorf("%s is not a file but %s", path, fileKind(m))
	}
	if fi.Size() > int64(max) {
		return tooBig(fi.Size())
	}
	return nil
}

func openError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return i18n.Errorf("cannot open %s: %w", path, pe.Err)
	}
	return i18n.Errorf("cannot open %s: %w", path, err)
}

// fileKind names what a path is when it is not a regular file.
func fileKind(m fs.FileMode) i18n.Text {
	switch {
	case m.IsDir():
		return i18n.T("a folder")
	case m&fs.ModeNamedPipe != 0:
		return i18n.T("a named pipe")
	case m&fs.ModeSocket != 0:
		return i18n.T("a socket")
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return i18n.T("a device")
	}
	return i18n.T("a special file")
}

// humanBytes64 is humanBytes for file sizes, which may not fit an int on
// 32-bit machines.
func humanBytes64(n int64) i18n.Text {
	if n <= int64(^uint(0)>>1) {
		return humanBytes(int(n))
	}
	return i18n.T("%d bytes", n)
}

// sniffImageKind names common formats that are not accepted, so the error
// can say what to convert from.
func sniffImageKind(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return "a GIF image"
	case len(b) >= 12 && bytes.HasPrefix(b, []byte("RIFF")) && string(b[8:12]) == "WEBP":
		return "a WebP image"
	case bytes.HasPrefix(b, []byte("BM")):
		return "a BMP image"
	case bytes.HasPrefix(b, []byte("II*\x00")), bytes.HasPrefix(b, []byte("MM\x00*")):
		return "a TIFF image"
	case bytes.HasPrefix(b, []byte{0, 0, 1, 0}):
		return "an ICO icon"
	case len(b) >= 12 && string(b[4:8]) == "ftyp":
		switch string(b[8:12]) {
		case "avif", "avis":
			return "an AVIF image"
		case "heic", "heix", "mif1", "msf1":
			return "a HEIC image"
		}
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "a PDF document"
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")), " \t\r\n")
	head = head[:min(len(head), 512)]
	if bytes.HasPrefix(head, []byte("<")) {
		if bytes.Contains(bytes.ToLower(head), []byte("<svg")) {
			return "an SVG image (text)"
		}
		return "an XML or HTML text file"
	}
	return ""
}

// LogoRef is the content address under which the logo bytes are stored; it
// is what Info.Logo holds, so the same image is stored once.
func LogoRef(b []byte) string {
	sum := sha256.Sum256(b)
	return LogoRefPrefix + hex.EncodeToString(sum[:])
}

// IsLogoRef reports whether s has the exact form LogoRef produces.
func IsLogoRef(s string) bool {
	h, ok := strings.CutPrefix(s, LogoRefPrefix)
	if !ok || len(h) != 2*sha256.Size {
		return false
	}
	for i := range len(h) {
		if c := h[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
