package workflow_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"plugpub/workflow"
)

func logoImage(w, h int) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{R: uint8(x * 40), G: uint8(y * 40), B: 200, A: 255})
		}
	}
	return img
}

func encodeLogo(t *testing.T, encode func(*bytes.Buffer, image.Image) error, img image.Image) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func pngBytes(t *testing.T, img image.Image) []byte {
	return encodeLogo(t, func(b *bytes.Buffer, i image.Image) error { return png.Encode(b, i) }, img)
}

func TestCheckLogo(t *testing.T) {
	pngLogo := pngBytes(t, logoImage(4, 4))
	jpegLogo := encodeLogo(t, func(b *bytes.Buffer, i image.Image) error { return jpeg.Encode(b, i, nil) }, logoImage(4, 4))
	gifLogo := encodeLogo(t, func(b *bytes.Buffer, i image.Image) error { return gif.Encode(b, i, nil) }, logoImage(4, 4))
	tooBig := append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, workflow.MaxLogoBytes)...)

	tests := []struct {
		name     string
		file     []byte
		wantMIME string
		err      string
	}{
		{name: "PNG", file: pngLogo, wantMIME: "image/png"},
		{name: "JPEG", file: jpegLogo, wantMIME: "image/jpeg"},
		{name: "empty", file: nil, err: "empty"},
		{name: "too large", file: tooBig, err: "the limit is 2 MiB"},
		{name: "garbage after the PNG signature", file: append([]byte("\x89PNG\r\n\x1a\n"), "not really a png"...), err: "damaged"},
		{name: "PNG cut short", file: pngLogo[:len(pngLogo)-20], err: "cut short"},
		{name: "garbage after the JPEG marker", file: []byte("\xff\xd8\xffjunk junk junk"), err: "damaged"},
		{name: "half a PNG signature", file: []byte("\x89PNG"), err: "neither"},
		{name: "GIF", file: gifLogo, err: "looks like a GIF image"},
		{name: "WebP", file: []byte("RIFF\x24\x00\x00\x00WEBPVP8 "), err: "looks like a WebP image"},
		{name: "SVG", file: []byte("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), err: "looks like an SVG image"},
		{name: "text", file: []byte("hello"), err: "must be a PNG or JPEG"},
		{name: "huge canvas", file: pngBytes(t, image.NewGray(image.Rect(0, 0, workflow.MaxLogoSide+1, 1))), err: "4097×1 pixels"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mime, err := workflow.CheckLogo(tt.file)
			if tt.err == "" {
				if err != nil || mime != tt.wantMIME {
					t.Fatalf("CheckLogo = %q, %v; want %q", mime, err, tt.wantMIME)
				}
				return
			}
			if err == nil {
				t.Fatalf("CheckLogo accepted it as %q", mime)
			}
			if !strings.Contains(err.Error(), tt.err) {
				t.Errorf("error %q does not contain %q", err, tt.err)
			}
		})
	}
}

func TestLogoTooLargeStatesTheActualSize(t *testing.T) {
	_, err := workflow.CheckLogo(make([]byte, 3<<20))
	if err == nil || !strings.Contains(err.Error(), "3 MiB") {
		t.Errorf("got %v, want the actual size 3 MiB in the message", err)
	}
}

func TestLogoRef(t *testing.T) {
	ref := workflow.LogoRef([]byte("abc"))
	if ref != "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("LogoRef = %q", ref)
	}
	tests := []struct {
		s  string
		ok bool
	}{
		{ref, true},
		{"", false},
		{"sha256:", false},
		{strings.ToUpper(ref), false},
		{"sha256:" + strings.Repeat("A", 64), false},
		{"sha256:" + strings.Repeat("0", 63), false},
		{"sha256:" + strings.Repeat("0", 65), false},
		{"sha256:" + strings.Repeat("g", 64), false},
		{"md5:" + strings.Repeat("0", 64), false},
		{"logo.png", false},
	}
	for _, tt := range tests {
		if got := workflow.IsLogoRef(tt.s); got != tt.ok {
			t.Errorf("IsLogoRef(%q) = %v, want %v", tt.s, got, tt.ok)
		}
	}
}

func FuzzCheckLogo(f *testing.F) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, logoImage(2, 2)); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("\xff\xd8\xff\xe0"))
	f.Add([]byte("GIF89a"))
	f.Fuzz(func(t *testing.T, b []byte) {
		mime, err := workflow.CheckLogo(b)
		if (err == nil) != (mime != "") {
			t.Fatalf("CheckLogo = %q, %v", mime, err)
		}
	})
}

// TestReadLogoFile: the one reader of a logo file refuses what is not a
// regular file or too large by what Stat says, before reading a byte, and
// states the file's real size; what it reads it checks with CheckLogo.
func TestReadLogoFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	logo := pngBytes(t, logoImage(4, 4))
	good := write("logo.png", logo)
	link := filepath.Join(dir, "link.png")
	if err := os.Symlink(good, link); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "logo.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	// A sparse file: its size is 3,000,000 bytes without writing them.
	huge := filepath.Join(dir, "huge.png")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(logo); err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3_000_000); err != nil {
		t.Fatal(err)
	}
	f.Close()

	for _, tc := range []struct {
		name, path string
		err        string // "" for accepted
	}{
		{"a PNG", good, ""},
		{"a link to a PNG", link, ""},
		{"missing", filepath.Join(dir, "nope.png"), "cannot open " + filepath.Join(dir, "nope.png") + ": no such file"},
		{"a folder", dir, dir + " is not a file but a folder"},
		{"a named pipe", fifo, fifo + " is not a file but a named pipe"},
		{"a device", os.DevNull, " is not a file but a device"},
		{"3,000,000 bytes", huge, "is 2.9 MiB (3000000 bytes); a logo is at most 2 MiB"},
		{"not an image", write("fake.png", []byte("GIF89a not really")), "looks like a GIF image"},
		{"empty", write("empty.png", nil), "empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan struct{})
			var b []byte
			var err error
			go func() { b, err = workflow.ReadLogoFile(tc.path); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("ReadLogoFile(%s) still blocks after 10s", tc.path)
			}
			if tc.err == "" {
				if err != nil || !bytes.Equal(b, logo) {
					t.Fatalf("ReadLogoFile = %d bytes, %v; want the PNG", len(b), err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("ReadLogoFile error = %v; want it to contain %q", err, tc.err)
			}
		})
	}
	if _, err := workflow.ReadLogoFile(filepath.Join(dir, "nope.png")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file's error %v is not fs.ErrNotExist", err)
	}
}
