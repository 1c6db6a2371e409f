package workflow

// VersionState is a plugin version's state in 版本管理.
type VersionState string

const (
	VersionDev      VersionState = "dev"      // 开发中
	VersionAuditing VersionState = "auditing" // 审核中
	VersionApproved VersionState = "approved" // 审核通过
	VersionRejected VersionState = "rejected" // 审核驳回
	VersionOnline   VersionState = "online"   // 已上线
	VersionOffline  VersionState = "offline"  // 已下线
)

// SubmissionState is a publication's state in 发布管理.
type SubmissionState string

const (
	SubmissionInReview   SubmissionState = "in_review"  // 审核中
	SubmissionWithdrawn  SubmissionState = "withdrawn"  // 已撤回
	SubmissionApproved   SubmissionState = "approved"   // 审核通过
	SubmissionRejected   SubmissionState = "rejected"   // 审核驳回
	SubmissionListed     SubmissionState = "listed"     // 已上架
	SubmissionSuperseded SubmissionState = "superseded" // 已替换: a newer one took its place
)

// VisibilityState is a listing's 展示 / 隐藏 flag.
type VisibilityState string

const (
	VisibilityShown  VisibilityState = "shown"  // 展示
	VisibilityHidden VisibilityState = "hidden" // 隐藏
)

// Action is a user action (or a consequence the system records).
type Action string

const (
	ActCreate    Action = "create"     // 创建插件
	ActAddVer    Action = "add"        // 新建版本
	ActSubmit    Action = "submit"     // 提交审核 (version) / 提交申请 (publication)
	ActWithdraw  Action = "withdraw"   // 撤回审核
	ActApprove   Action = "approve"    // 通过
	ActReject    Action = "reject"     // 驳回
	ActReturn    Action = "return"     // 退回修改: a rejected version goes back to dev
	ActOnline    Action = "online"     // 上线
	ActOffline   Action = "offline"    // 下线
	ActRelease   Action = "release"    // 上架
	ActSupersede Action = "supersede"  // replaced by a newer submission or listing
	ActHide      Action = "hide"       // 隐藏
	ActShow      Action = "show"       // 展示
	ActOrder     Action = "order"      // 订购
	ActModify    Action = "modify"     // 修改信息: open the draft again
	ActSaveDraft Action = "save_draft" // autosave; not a state change, so no event
)

// RoleSystem marks transitions nobody asks for directly: they follow from
// another action (an earlier listing is superseded when a newer one is released).
const RoleSystem Role = "system"

// Transition is one row of a state machine: in state From, a user holding
// Role may take Action, and the state becomes To.
type Transition[S ~string] struct {
	From   S
	Action Action
	Role   Role
	To     S
}

// VersionMachine is 版本管理's state machine.
var VersionMachine = []Transition[VersionState]{
	{VersionDev, ActSubmit, RoleDeveloper, VersionAuditing},
	{VersionAuditing, ActWithdraw, RoleDeveloper, VersionDev},
	{VersionAuditing, ActApprove, RoleReviewer, VersionApproved},
	{VersionAuditing, ActReject, RoleReviewer, VersionRejected},
	{VersionRejected, ActReturn, RoleDeveloper, VersionDev},
	{VersionApproved, ActOnline, RoleDeveloper, VersionOnline},
	{VersionOnline, ActOffline, RoleDeveloper, VersionOffline},
	{VersionOnline, ActSupersede, RoleSystem, VersionOffline},
}

// SubmissionMachine is 发布管理's state machine. 修改信息 is not here: it
// edits the draft and changes no submission.
var SubmissionMachine = []Transition[SubmissionState]{
	{SubmissionInReview, ActWithdraw, RoleDeveloper, SubmissionWithdrawn},
	{SubmissionInReview, ActApprove, RoleReviewer, SubmissionApproved},
	{SubmissionInReview, ActReject, RoleReviewer, SubmissionRejected},
	{SubmissionApproved, ActRelease, RoleDeveloper, SubmissionListed},
	{SubmissionApproved, ActSupersede, RoleSystem, SubmissionSuperseded},
	{SubmissionListed, ActSupersede, RoleSystem, SubmissionSuperseded},
	// 认领 is advice, not a move: the submission stays in review, its
	// claim changes (review.go).
	{SubmissionInReview, ActClaim, RoleReviewer, SubmissionInReview},
	{SubmissionInReview, ActUnclaim, RoleReviewer, SubmissionInReview},
	// A 驳回's notes are recorded after it, one event each.
	{SubmissionRejected, ActNote, RoleSystem, SubmissionRejected},
}

// VisibilityMachine is a listing's 展示 / 隐藏 flag.
var VisibilityMachine = []Transition[VisibilityState]{
	{VisibilityShown, ActHide, RoleDeveloper, VisibilityHidden},
	{VisibilityHidden, ActShow, RoleDeveloper, VisibilityShown},
}

// Next looks an action up in a machine: the next state, or ok=false when the
// action is not legal in that state for that role.
func Next[S ~string](m []Transition[S], from S, a Action, r Role) (S, bool) {
	for _, t := range m {
		if t.From == from && t.Action == a && t.Role == r {
			return t.To, true
		}
	}
	var zero S
	return zero, false
}

// Actions lists what a role may do in a state, in table order; screens use it
// to offer only legal actions.
func Actions[S ~string](m []Transition[S], from S, r Role) []Action {
	var as []Action
	for _, t := range m {
		if t.From == from && t.Role == r {
			as = append(as, t.Action)
		}
	}
	return as
}

// roleFor finds which role an action needs in a state (any role if the
// action is not legal there at all).
func roleFor[S ~string](m []Transition[S], from S, a Action) (Role, bool) {
	for _, t := range m {
		if t.From == from && t.Action == a {
			return t.Role, true
		}
	}
	return "", false
}

// Labels are the seed's Chinese words for states and actions, for screens.
var Labels = map[string]string{
	string(VersionDev):           "开发中",
	string(VersionAuditing):      "审核中",
	string(VersionOnline):        "已上线",
	string(VersionOffline):       "已下线",
	string(SubmissionInReview):   "审核中",
	string(SubmissionWithdrawn):  "已撤回",
	string(SubmissionApproved):   "审核通过",
	string(SubmissionRejected):   "审核驳回",
	string(SubmissionListed):     "已上架",
	string(SubmissionSuperseded): "已替换",
	string(VisibilityShown):      "展示",
	string(VisibilityHidden):     "隐藏",
}

// ActionLabels are the seed's words for actions.
var ActionLabels = map[Action]string{
	ActCreate:    "创建插件",
	ActAddVer:    "新建版本",
	ActSubmit:    "提交审核",
	ActWithdraw:  "撤回审核",
	ActApprove:   "审核通过",
	ActReject:    "审核驳回",
	ActReturn:    "退回修改",
	ActOnline:    "上线",
	ActOffline:   "下线",
	ActRelease:   "上架",
	ActSupersede: "替换",
	ActHide:      "隐藏",
	ActShow:      "展示",
	ActOrder:     "订购",
	ActModify:    "修改信息",
	ActRefuse:    "拒绝",
	ActCancel:    "取消订购",
	ActExpire:    "已超时",
	ActClaim:     "认领",
	ActUnclaim:   "取消认领",
	ActNote:      "字段批注",
}

// Label returns the Chinese word for a state code, or the code itself.
func Label(code string) string { return labelIn(Labels, code) }

// labelIn is the word labels give code, or the code itself where they
// give none.
func labelIn[K ~string](labels map[K]string, code K) string {
	if l, ok := labels[code]; ok {
		return l
	}
	return string(code)
}
