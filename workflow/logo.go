package workflow

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
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
		return "", errors.New("the logo file is empty")
	case len(b) > MaxLogoBytes:
		return "", fmt.Errorf("the logo is %s; the limit is %s", humanBytes(len(b)), humanBytes(MaxLogoBytes))
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
			return "", fmt.Errorf("the logo must be a PNG or JPEG image; this file looks like %s", kind)
		}
		return "", errors.New("the logo must be a PNG or JPEG image; this file is neither")
	}
	name := strings.ToUpper(strings.TrimPrefix(mime, "image/"))
	// The header alone is cheap and rejects absurd sizes before the full
	// decode, which is what catches a truncated or corrupted file.
	cfg, err := decodeConfig(b)
	if err != nil {
		return "", fmt.Errorf("the logo starts like a %s file but is damaged: %v", name, err)
	}
	if cfg.Width < 1 || cfg.Height < 1 || cfg.Width > MaxLogoSide || cfg.Height > MaxLogoSide {
		return "", fmt.Errorf("the logo is %d×%d pixels; each side must be 1 to %d", cfg.Width, cfg.Height, MaxLogoSide)
	}
	if err := decode(b); err != nil {
		return "", fmt.Errorf("the logo starts like a %s file but is damaged or cut short: %v", name, err)
	}
	return mime, nil
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
