package storetest

import (
	"bytes"
	"fmt"
	"testing"
)

func logoIsStoredOnce(t *testing.T, e Engine) {
	st := e.Open(t)
	data := []byte("\x89PNG\r\n\x1a\nnot really\x00with a NUL")
	ref := "sha256:" + fmt.Sprintf("%064x", 7)
	for range 2 {
		if err := st.PutLogo(t.Context(), ref, "image/png", data); err != nil {
			t.Fatal(err)
		}
	}
	mime, got, err := st.Logo(t.Context(), ref)
	if err != nil || mime != "image/png" || !bytes.Equal(got, data) {
		t.Errorf("Logo = %q, %q, %v", mime, got, err)
	}
	if err := st.PutLogo(t.Context(), ref, "image/jpeg", []byte{0xff, 0xd8}); err != nil {
		t.Fatal(err)
	}
	if mime, got, _ := st.Logo(t.Context(), ref); mime != "image/png" || !bytes.Equal(got, data) {
		t.Error("storing a ref again replaced it")
	}
	if err := st.PutLogo(t.Context(), "sha256:"+fmt.Sprintf("%064x", 8), "image/gif", data); err == nil {
		t.Error("stored a GIF")
	}
	big := bytes.Repeat([]byte{1}, 2<<20+1)
	if err := st.PutLogo(t.Context(), "sha256:"+fmt.Sprintf("%064x", 9), "image/png", big); err == nil {
		t.Error("stored a logo over 2 MiB")
	}
}
