package storetest

import (
	"fmt"
	"strings"
	"testing"

	"plugpub/workflow"
)

// limitsAreClamped: a page is never larger than MaxPageSize, a negative
// offset is the start, and a filter longer than MaxFilterRunes is cut.
func limitsAreClamped(t *testing.T, e Engine) {
	st := e.Open(t)
	ctx := t.Context()
	n := workflow.MaxPageSize + 5
	for i := range n {
		u, err := workflow.NewUser(fmt.Sprintf("u%04d", i), []workflow.Role{workflow.RoleConsumer}, workflow.BuyerPersonal)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.PutUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	us, err := st.Users(ctx, workflow.Page{Limit: n})
	if err != nil || len(us) != workflow.MaxPageSize {
		t.Errorf("a page of %d: %d users, %v; want %d", n, len(us), err, workflow.MaxPageSize)
	}
	us, err = st.Users(ctx, workflow.Page{Offset: -3, Limit: 1})
	if err != nil || len(us) != 1 || us[0].Name != "u0000" {
		t.Errorf("a negative offset: %+v, %v", us, err)
	}
	us, err = st.Users(ctx, workflow.Page{})
	if err != nil || len(us) != workflow.DefaultPageSize {
		t.Errorf("no limit: %d users, %v; want %d", len(us), err, workflow.DefaultPageSize)
	}
	long := strings.Repeat("车", workflow.MaxFilterRunes*3)
	if _, err := st.Plugins(ctx, "", long, workflow.Page{}); err != nil {
		t.Errorf("a long filter: %v", err)
	}
	if _, err := st.Search(ctx, long, workflow.Page{}); err != nil {
		t.Errorf("a long query: %v", err)
	}
}
