package sshserve

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"reflect"
	"strings"
	"testing"

	"plugpub/workflow"
	"plugpub/workflow/workflowtest"
)

// Every write a service can make through Notifying tells the server; a
// refused one does not.
func TestNotifyingTellsOfEachCommit(t *testing.T) {
	ctx := context.Background()
	st := workflowtest.OpenSQLite(t)
	n := 0
	svc := workflow.NewService(Notifying(st, func() { n++ }), nil)
	if _, err := svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.CreatePlugin(ctx, "dev1", "2021004100000001", "车牌识别"); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d notices after two commits", n)
	}
	if _, err := svc.CreatePlugin(ctx, "dev1", "2021004100000001", "again"); err == nil {
		t.Fatal("a second plugin with the same id was created")
	}
	if _, err := svc.AddUser(ctx, "dev1", []workflow.Role{workflow.RoleDeveloper}, ""); err == nil {
		t.Fatal("dev1 was added twice")
	}
	if n != 2 {
		t.Fatalf("%d notices after two refusals, want still 2", n)
	}
}

// readOnly are the workflow.Store methods that write nothing; every other
// one must be declared on notifying, or a console would miss its commits
// until the next poll.
var readOnly = map[string]bool{
	"View": true, "User": true, "Users": true, "Keys": true, "KeyUser": true,
	"Plugins": true, "Plugin": true, "Versions": true, "Draft": true, "Logo": true,
	"Submission": true, "Submissions": true, "ReviewQueue": true, "Listing": true,
	"Search": true, "Browse": true, "Orders": true, "OrderLines": true, "Events": true,
	"Apps": true, "Order": true, "PluginOrders": true, "ConsumerOrders": true, "LiveOrderCounts": true, "AppsUsing": true,
	"ReviewQueueWhere": true, "ReviewFigures": true,
}

func TestNotifyingCoversEveryWrite(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "notify.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range f.Decls {
		if fn, ok := d.(*ast.FuncDecl); ok && fn.Recv != nil {
			if id, ok := fn.Recv.List[0].Type.(*ast.Ident); ok && id.Name == "notifying" {
				declared[fn.Name.Name] = true
			}
		}
	}
	it := reflect.TypeFor[workflow.Store]()
	for i := range it.NumMethod() {
		name := it.Method(i).Name
		if readOnly[name] || strings.HasPrefix(name, "Count") {
			continue
		}
		if !declared[name] {
			t.Errorf("workflow.Store.%s writes (it is not in readOnly) but notifying does not declare it: commits through it reach no console", name)
		}
	}
}
