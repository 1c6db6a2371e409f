package i18n

// helpZh translates the command line's help (cmd/plugpub, --help and plugpub
// help): every command's Short and Long, every flag's usage, and the
// headings of cobra's usage template. The lines of cobra's own completion
// scripts' Long help (how to install them per shell) are cobra's and stay
// English; their Short lines are here.
var helpZh = map[string]string{
	// cobra's usage template and its own commands and flags
	"Usage:":                  "用法：",
	"Aliases:":                "别名：",
	"Examples:":               "示例：",
	"Available Commands:":     "可用命令：",
	"Additional Commands:":    "其他命令：",
	"Flags:":                  "选项：",
	"Global Flags:":           "全局选项：",
	"Additional help topics:": "其他帮助主题：",
	`Use "%s [command] --help" for more information about a command.`: `运行 "%s [command] --help" 查看命令的详细说明。`,
	"help for %s":            "显示 %s 的帮助",
	"version for %s":         "显示 %s 的版本",
	"Help about any command": "显示任一命令的帮助",
	"Generate the autocompletion script for the specified shell": "生成指定 shell 的自动补全脚本",
	"Generate the autocompletion script for %s":                  "生成 %s 的自动补全脚本",
	"disable completion descriptions":                            "补全时不显示说明",

	"Help provides help for any command in the application.\nSimply type plugpub help [path to command] for full details.":                                   "显示应用中任一命令的帮助。\n输入 plugpub help [命令路径] 查看完整说明。",
	"Generate the autocompletion script for plugpub for the specified shell.\nSee each sub-command's help for details on how to use the generated script.\n": "生成 plugpub 在指定 shell 中的自动补全脚本。\n各子命令的帮助说明了如何使用生成的脚本。\n",

	// plugpub
	"Publish mini-program plugins to the service market": "向服务市场发布小程序插件",
	`plugpub is a terminal console for publishing mini-program plugins to a
service market: put a version online, fill the plugin info and integration
guide (the draft), submit it for review, list it on the market once approved,
hide or show it, and let consumers find and order it.

Run without a command to open the console; the commands below do the same
things from scripts.`: `plugpub 是向服务市场发布小程序插件的终端控制台：上线版本，填写插件信息与
接入指引（草稿），提交审核，审核通过后上架到服务市场，隐藏或展示，
让消费者搜索并订购。

不带命令运行会打开控制台；下面的命令在脚本中做同样的事。`,
	"act as this user (default $PLUGPUB_USER, else your OS user name)":                                                    "以此用户身份操作（默认 $PLUGPUB_USER，否则为操作系统用户名）",
	"database file (default $PLUGPUB_DB, else $XDG_DATA_HOME/plugpub/plugpub.db, else ~/.local/share/plugpub/plugpub.db)": "数据库文件（默认 $PLUGPUB_DB，否则 $XDG_DATA_HOME/plugpub/plugpub.db，否则 ~/.local/share/plugpub/plugpub.db）",
	"print machine-readable JSON on stdout":                                                                               "在标准输出打印机器可读的 JSON",
	"append a debug log to this file: each command, database opened, console screen and error (JSON lines)":               "把调试日志追加到此文件：每条命令、打开的数据库、控制台界面和错误（JSON 行）",

	// demo
	"Create a demo database at --db to explore": "在 --db 处创建可供体验的演示数据库",
	`Create a database a newcomer can explore: users for every role, and plugins
at every stage of the publish flow (listed and shown, listed and hidden, in
review and overdue, rejected, modified while listed), with their events.
Everything is done through the same actions the commands take.

--scale large makes a database the size of a busy plugin center instead, for
trying and measuring plugpub at scale: 10,000 plugins with their histories
(100,000 submissions, about 300,000 events, 10,000 listings shown or hidden),
written in one transaction that checks every row like the actions do. It
takes some seconds and shows its progress on stderr.

An existing non-empty database is refused unless --force, which deletes it.`: `创建一个新用户可以体验的数据库：每种角色的用户，以及处于发布流程各个阶段的插件
（已上架并展示、已上架并隐藏、审核中且已超时、审核驳回、上架后修改信息），
连同它们的事件。一切都通过命令所用的同样操作完成。

--scale large 则创建一个繁忙插件中心规模的数据库，用来在大规模下试用和测量
plugpub：10,000 个插件及其历史（100,000 个提交、约 300,000 个事件、10,000 个
展示或隐藏的上架），在一个事务中写入，并像各项操作一样检查每一行。
需要几秒钟，进度显示在标准错误上。

已有且非空的数据库会被拒绝，除非加 --force（会删除它）。`,
	"replace an existing database (its data is lost)":                                 "替换已有的数据库（其数据将丢失）",
	"small: a few plugins at every stage; large: 10,000 plugins with their histories": "small：每个阶段几个插件；large：10,000 个插件及其历史",

	// draft
	"Edit the plugin info and integration guide (插件信息 + 接入指引)": "编辑插件信息与接入指引（插件信息 + 接入指引）",
	`The draft is the editable working copy of what will be published: the
plugin info form and the integration guide. It is saved even when incomplete;
submit freezes it into a submission for review.

The draft file is JSON; "draft show" prints it, "draft set" reads it back.
In the file "logo" is a path to a PNG or JPEG (relative to the file's folder)
or a stored image "sha256:<hex>" as "draft show" prints it.`: `草稿是将要发布内容的可编辑工作副本：插件信息表单与接入指引。
未填完也会保存；submit 把它冻结为一个提交，送去审核。

草稿文件是 JSON；"draft show" 打印它，"draft set" 读回它。
文件中的 "logo" 是 PNG 或 JPEG 的路径（相对于文件所在文件夹），
或 "draft show" 打印的已存储图片 "sha256:<hex>"。`,
	"List what stops the draft from being submitted (exit 3 if anything)":          "列出阻止草稿提交的问题（有则退出码为 3）",
	"Fill the draft with a realistic sample (填写样例), keeping the logo":              "用逼真的样例填写草稿（填写样例），保留 Logo",
	"Save the draft from a JSON file (- for stdin); problems are warnings":         "从 JSON 文件保存草稿（- 为标准输入）；问题只作警告",
	"the draft JSON file, or - for stdin":                                          "草稿 JSON 文件，或 - 表示标准输入",
	"Print the draft as JSON (the file format of draft set)":                       "以 JSON 打印草稿（draft set 的文件格式）",
	"Set the draft's logo from a PNG or JPEG file (- for stdin), keeping the rest": "从 PNG 或 JPEG 文件设置草稿的 Logo（- 为标准输入），其余不变",
	"the PNG or JPEG file, or - for stdin":                                         "PNG 或 JPEG 文件，或 - 表示标准输入",

	// export
	"Print the publication as a Markdown document or as draft JSON": "把发布内容打印为 Markdown 文档或草稿 JSON",
	`Print a plugin's publication: the draft, or with --submission a submitted
snapshot (its owner and reviewers may export any; anyone the listed one).

--format md (the default) is the market detail page as a document: the
plugin info, the integration guide with a table per component, page and
API, the instructions, and the sample code generated from the guide
(功能清单), which declares the plugin in app.json under the alias myPlugin.

--format json is the draft file exactly as "draft show" prints it, so
"draft set --file" of an export gives back the same draft.`: `打印插件的发布内容：草稿，或加 --submission 时某个提交的快照
（负责人和审核员可导出任一提交；任何人可导出已上架的那个）。

--format md（默认）把服务市场详情页写成文档：插件信息、接入指引
（每个组件、页面和接口一张表）、接入说明，以及由接入指引生成的示例代码
（功能清单），示例在 app.json 中以别名 myPlugin 声明插件。

--format json 是与 "draft show" 打印的完全相同的草稿文件，
因此对导出结果做 "draft set --file" 会得到同样的草稿。`,
	"md: the market detail page as Markdown; json: the draft file": "md：Markdown 格式的服务市场详情页；json：草稿文件",
	"export this submission's snapshot instead of the draft":       "导出此提交的快照而不是草稿",

	// hide, show, release, submit, withdraw, submissions, log
	"Keep the listing out of market search (隐藏)":      "让上架不出现在服务市场搜索中（隐藏）",
	"Make the listing searchable again (展示)":          "让上架重新可被搜索（展示）",
	"List the approved submission on the market (上架)": "把审核通过的提交上架到服务市场（上架）",
	`List the approved submission on the market (上架). It replaces the listing
that was live until now; a first listing is shown or hidden as the draft's
show_after_release (发布后是否展示) said, a later one keeps the current flag.`: `把审核通过的提交上架到服务市场（上架），替换此前在线的上架；
首次上架按草稿的 show_after_release（发布后是否展示）展示或隐藏，
之后的上架保留当前的展示状态。`,
	"Submit the draft for review (提交申请)": "提交草稿审核（提交申请）",
	`Freeze the draft into a submission and send it to the plugin center for
review. It publishes an online version: the newest unless --version says
which. Review takes about one working day (预计一个工作日).`: `把草稿冻结为一个提交，送到插件中心审核。它发布一个已上线的版本：
默认最新的，或 --version 指定的。审核预计一个工作日。`,
	"the online version to publish (default: the newest online)":                  "要发布的已上线版本（默认：最新的已上线版本）",
	"Take the submission in review back (撤回审核)":                                   "撤回审核中的提交（撤回审核）",
	"List a plugin's submissions, newest first (发布管理)":                            "列出插件的提交，最新在前（发布管理）",
	"Every event of a plugin, oldest first: when, who, action, from → to, reason": "插件的每个事件，最早在前：时间、操作人、操作、从 → 到、原因",
	"show at most this many rows (1–1000)":                                        "最多显示这么多行（1–1000）",
	"skip this many rows first":                                                   "先跳过这么多行",

	// import
	"Fill the integration guide (接入指引) from the plugin project's code": "从插件项目的代码填写接入指引（接入指引）",
	`Read the public components, pages and APIs that a plugin project declares
and merge them into the draft's integration guide (接入指引).

DIR is the plugin project (its mini.project.json or project.config.json
names the pluginRoot) or the plugin root itself (the folder of plugin.json).
DIR - reads a tar of that folder from stdin, as a server that cannot see
your files takes it: tar c -C DIR . | plugpub import PLUGIN - (links,
devices, absolute paths and .. are refused, and the archive is at most
32 MiB).
Both the Alipay dialect (publicComponents, publicPages, pages as a list,
main) and the WeChat one (publicComponents, pages as an object, main) are
read. Component props come from the defaults in Component({ props }) or
from Component({ properties }); function props named onXxx are events.
APIs are the names main exports.

What you wrote stays: descriptions, required flags, defaults, page params,
API inputs and outputs. Entries that only the draft has are listed and
kept; --remove deletes them. --dry-run prints the changes and writes
nothing. A broken project (invalid JSON, a missing file, JavaScript that
does not parse) is reported with its file and line, and nothing is written.`: `读取插件项目声明的公开组件、页面和接口，合并到草稿的接入指引（接入指引）中。

DIR 是插件项目（其 mini.project.json 或 project.config.json 指明 pluginRoot）
或插件根目录本身（plugin.json 所在的文件夹）。DIR 为 - 时从标准输入读取该文件夹的
tar 包，看不到你文件的服务器就这样接收它：tar c -C DIR . | plugpub import PLUGIN -
（链接、设备文件、绝对路径和 .. 会被拒绝，归档最大 32 MiB）。支付宝写法（publicComponents、
publicPages、列表形式的 pages、main）与微信写法（publicComponents、对象形式的
pages、main）都能读取。组件属性来自 Component({ props }) 中的默认值或
Component({ properties })；名为 onXxx 的函数属性是事件。接口是 main 导出的名字。

你写下的内容会保留：描述、必填标记、默认值、页面参数、接口的入参和出参。
只在草稿中有的条目会列出并保留；--remove 删除它们。--dry-run 打印变更而不写入。
项目有错（JSON 无效、缺少文件、JavaScript 无法解析）时会报告文件和行号，
并且什么都不写入。`,
	"print what would change and write nothing":                            "打印将要发生的变更，不写入",
	"delete entries the code no longer declares (they are kept otherwise)": "删除代码中已不再声明的条目（否则保留）",

	// market
	"Find, view and order listed plugins (服务市场)":            "搜索、查看和订购已上架的插件（服务市场）",
	"Order a listed plugin (订购) as the acting consumer":     "以当前消费者身份订购已上架的插件（订购）",
	"List the acting consumer's orders":                     "列出当前消费者的订购",
	"Search shown listings by title, intro and description": "按标题、简介和描述搜索展示中的上架",
	`Search the market. A part of a word is enough, Chinese included (车牌 finds
小程序OCR车牌号识别插件). Hidden listings (隐藏) are never found. Several
words (arguments, or words separated by spaces) must all be there: 北京 天气
finds a plugin that has both.`: `搜索服务市场。词的一部分就够，中文也一样（车牌 能找到小程序OCR车牌号识别插件）。
隐藏的上架永远搜不到。多个词（多个参数，或用空格分开的词）必须都出现：
北京 天气 找到同时含有两者的插件。`,
	"The order page (订购页): the listed plugin's info and integration guide": "订购页：已上架插件的信息与接入指引",

	// migrate
	"Copy an SQLite database into an empty PostgreSQL database": "把 SQLite 数据库复制到空的 PostgreSQL 数据库",
	`Copy every row of an SQLite plugpub database into an empty PostgreSQL
database, in one transaction: ids, revs and times are kept, so every command
prints the same on both afterwards. Then the row counts are compared and the
event log is replayed against the copied tables. A PostgreSQL database that
holds plugpub data already is refused (exit 5), as demo refuses an existing
file. Progress goes to stderr.`: `在一个事务中把 SQLite 的 plugpub 数据库的每一行复制到空的 PostgreSQL 数据库：
id、rev 和时间都保持不变，因此之后每条命令在两者上的输出都相同。然后比较各表的
行数，并把事件日志对照复制后的表重放一遍。已有 plugpub 数据的 PostgreSQL 数据库
会被拒绝（退出码为 5），就像 demo 拒绝已有的文件一样。进度显示在标准错误上。`,
	"the SQLite database file to copy":                    "要复制的 SQLite 数据库文件",
	"the PostgreSQL database to copy into (postgres://…)": "复制到的 PostgreSQL 数据库（postgres://…）",

	// plugin
	"Create and list plugins":                                  "创建和列出插件",
	"Register a plugin owned by the acting user (a developer)": "登记一个归当前用户（开发者）所有的插件",
	"the plugin's name (1–40 characters)":                      "插件名称（1–40 个字）",
	"List your plugins (a reviewer sees all)":                  "列出你的插件（审核员可看到全部）",
	"only plugins whose id or name contains this":              "只列出 ID 或名称包含此内容的插件",

	// review
	"Review submissions (reviewer; 插件中心审核)":                         "审核提交（审核员；插件中心审核）",
	"Approve a submission (审核通过); not one you submitted":            "审核通过一个提交（审核通过）；不能是你自己提交的",
	"The review queue, earliest due first; overdue ones are marked": "审核队列，最早到期在前；已超时的有标记",
	"Reject a submission with a reason for the developer (审核驳回)":    "驳回一个提交，并给开发者一个原因（审核驳回）",
	"why, shown to the developer in 发布管理 (required)":                "原因，开发者在发布管理中可见（必填）",

	// serve
	"Serve the plugin center over SSH: the key a client connects with is who they are": "通过 SSH 提供插件中心：客户端用哪个密钥连接，它就是谁",
	`Serve the plugin center over SSH. ssh -p PORT HOST opens the console as the
user the client's key is registered to (plugpub user key add); ssh -p PORT
HOST COMMAND … runs a command as them, with the same output and exit codes
as here. A key nobody registered may only sign up. The host key is an
ed25519 key beside the database, made on the first start. SIGTERM or ctrl+c
stops accepting, lets running commands finish, and exits 0.`: `通过 SSH 提供插件中心。ssh -p PORT HOST 以客户端密钥所登记的用户身份打开控制台
（plugpub user key add）；ssh -p PORT HOST COMMAND … 以该用户身份运行一条命令，
输出和退出码与在本地相同。没人登记过的密钥只能注册。主机密钥是数据库旁的一个
ed25519 密钥，首次启动时生成。SIGTERM 或 ctrl+c 停止接受新连接，让正在运行的
命令完成，然后以 0 退出。`,
	"the address to listen on, HOST:PORT": "监听的地址，HOST:PORT",
	"the server's ed25519 host key (default plugpub_host_ed25519 beside the database; made when missing)": "服务器的 ed25519 主机密钥（默认为数据库旁的 plugpub_host_ed25519；不存在时生成）",
	"close a connection idle this long (0: never)":                                                        "连接空闲这么久就关闭（0：永不）",
	"sessions open at once; the next one is told the server is full":                                      "同时打开的会话数；再来的会话会被告知服务器已满",

	// signup
	"Over SSH: register the key you connect with as a new consumer NAME": "通过 SSH：把你连接所用的密钥注册为新的消费者 NAME",
	`Register yourself on a plugpub server as a consumer (a buyer on the market),
bound to the SSH key you connect with: ssh -p PORT HOST signup NAME. The
name is 1–64 letters, digits or _ . @ -, and must be free; a key signs up
once. The server takes a bounded number of signups a minute and an hour.
Developer, reviewer and admin roles are given by an admin.

Locally there is no key to bind: add users with plugpub user add.`: `在 plugpub 服务器上把自己注册为消费者（服务市场上的买家），绑定你连接所用的
SSH 密钥：ssh -p PORT HOST signup NAME。名称为 1–64 个字母、数字或 _ . @ -，
且不能已被占用；一个密钥只能注册一次。服务器每分钟和每小时接受的注册数有上限。
开发者、审核员和管理员角色由管理员授予。

本地没有可绑定的密钥：请用 plugpub user add 添加用户。`,
	"the kind of buyer you are: personal (default) or enterprise": "你的买家类型：personal（个人，默认）或 enterprise（企业）",

	// user
	"Add and list users, and the SSH keys they connect with": "添加和列出用户，以及他们连接所用的 SSH 密钥",
	"Add a user with one or more roles":                      "添加一个有一个或多个角色的用户",
	`Add a local user. A developer owns plugins and submits them, a reviewer
approves or rejects submissions (never their own), a consumer orders plugins
on the market as a personal (default) or enterprise buyer, an admin manages
users and their keys. --key binds the SSH key they connect to plugpub serve
with (an authorized_keys line or a .pub file, as user key add takes).

Nobody needs to be logged in to add a user on the database file: whoever can
write it is trusted (the superuser). Over plugpub serve, only an admin may.`: `添加一个本地用户。开发者拥有并提交插件，审核员审核通过或驳回提交（不能审核自己的），
消费者作为个人（默认）或企业买家在服务市场订购插件，管理员管理用户及其密钥。
--key 绑定此用户连接 plugpub serve 所用的 SSH 密钥（authorized_keys 的一行或
.pub 文件，与 user key add 相同）。

在数据库文件上添加用户无需登录：能写这个文件的人就被信任（超级用户）。
通过 plugpub serve 时，只有管理员可以添加。`,
	"for a consumer: personal (default) or enterprise":                                       "消费者的买家类型：personal（个人，默认）或 enterprise（企业）",
	"an SSH public key for plugpub serve: an authorized_keys line or a .pub file":            "用于 plugpub serve 的 SSH 公钥：authorized_keys 的一行或 .pub 文件",
	"roles, comma-separated: developer, reviewer, consumer, admin":                           "角色，逗号分隔：developer（开发者）、reviewer（审核员）、consumer（消费者）、admin（管理员）",
	"Add, list and remove the SSH keys a user connects to plugpub serve with":                "添加、列出和删除用户连接 plugpub serve 所用的 SSH 密钥",
	"Bind a public key to a user: KEY is an authorized_keys line or the path of a .pub file": "把公钥绑定到用户：KEY 是 authorized_keys 的一行或 .pub 文件的路径",
	`Bind a public key to a user. Over plugpub serve, the key a person connects
with is who they are; a key belongs to one user. KEY is an authorized_keys
line ("ssh-ed25519 AAAA… name", quoted) or the path of a .pub file. DSA keys,
RSA keys under 2048 bits and certificates are refused.`: `把公钥绑定到用户。通过 plugpub serve 时，一个人用哪个密钥连接，他就是谁；
一个密钥只属于一个用户。KEY 是 authorized_keys 的一行（"ssh-ed25519 AAAA… 名称"，
加引号）或 .pub 文件的路径。DSA 密钥、短于 2048 位的 RSA 密钥和证书都会被拒绝。`,
	"List a user's keys, oldest first, with their fingerprints":      "列出用户的密钥，最早在前，附指纹",
	"Unbind a key (SHA256:…, as user key list shows it) from a user": "从用户解绑一个密钥（SHA256:…，即 user key list 显示的样子）",
	"List users by name": "按名称列出用户",

	// version
	"Manage plugin versions (版本管理)":                                  "管理插件版本（版本管理）",
	"Add a version in development (开发中); versions strictly increase": "新建一个开发中的版本（开发中）；版本号必须递增",
	"Approve a version in review (reviewer; 审核通过)":                   "审核通过一个审核中的版本（审核员；审核通过）",
	"List a plugin's versions, newest first":                         "列出插件的版本，最新在前",
	"Take an online version offline (下线)":                            "把已上线的版本下线（下线）",
	"Put an approved version online (上线)":                            "把审核通过的版本上线（上线）",
	"Reject a version in review with a reason (reviewer; 审核驳回)":      "驳回一个审核中的版本并给出原因（审核员；审核驳回）",
	"why, for the developer (required)":                              "原因，给开发者看（必填）",
	"Send a rejected version back to development (退回修改)":             "把被驳回的版本退回开发中（退回修改）",
	"Submit a version for review (提交审核)":                             "提交版本审核（提交审核）",
	"Take a version back from review (撤回审核)":                         "从审核中撤回版本（撤回审核）",

	// orders for a mini program (issue 15)
	"The acting consumer's mini programs (小程序), which orders are for":                         "当前消费者的小程序（订购针对小程序）",
	"Register a mini program of yours by its 16-digit appId":                                  "按 16 位 appId 登记你的小程序",
	"the mini program's name (required)":                                                      "小程序名称（必填）",
	"List your mini programs":                                                                 "列出你的小程序",
	"A plugin's orders (使用者管理), newest first, with counts per state: its owner or a reviewer": "插件的订购（使用者管理），最新的在前，附各状态的数量：插件所有者或审核员可用",
	"only orders in this state: pending, approved, refused, expired or cancelled (or 申请中 已通过 已拒绝 已超时 已取消)": "只列出该状态的订购：申请中、已通过、已拒绝、已超时或已取消（也可写英文代码）",
	"Decide or cancel one order (使用者管理, 我的订购)":                                                             "处理或取消一个订购（使用者管理、我的订购）",
	"Approve a pending order of your plugin (已通过); 可订购人群 is checked again":                                 "通过你的插件的一个申请中的订购（已通过）；会再次检查可订购人群",
	"Refuse a pending order of your plugin with a reason for the buyer (已拒绝)":                              "拒绝你的插件的一个申请中的订购，并给买家理由（已拒绝）",
	"why, shown to the buyer in 我的订购 (required)":                                                           "理由，买家在我的订购中可见（必填）",
	"Cancel your pending order (已取消), or end a live one (退订)":                                              "取消你申请中的订购（已取消），或退订有效的订购（退订）",
	"the appId of the mini program to order for":                                                           "为哪个小程序订购（appId）",
	"Order a listed plugin for one of your mini programs (plugpub app list);\nwith only one, --app may be left out. A plugin whose info asks 订购审核 需审核\nstarts 申请中 (pending) until its owner approves or refuses it.": "为你的一个小程序订购已上架的插件（plugpub app list）；\n只有一个小程序时可省略 --app。插件信息要求订购审核（需审核）时，\n订购先为申请中，直到插件所有者通过或拒绝。",
	"我的订购: your orders across plugins, newest first, with state and reason.": "我的订购：你在各插件的订购，最新的在前，附状态和原因。",
	// review that helps both sides (issue 16)
	"The review queue, earliest due first; overdue ones are marked, and\nCLAIMED BY is who holds a live claim (认领; a claim lapses after 2 hours).\n--mine, --unclaimed and --overdue pick rows, and combine.": "审核队列，最早到期的在前；超时的会标出，\nCLAIMED BY 是当前认领人（认领 2 小时后自动失效）。\n--mine、--unclaimed 和 --overdue 筛选行，可以组合使用。",
	"only the submissions you claimed (认领)":                                 "只看你认领的提交",
	"only the submissions nobody claimed":                                   "只看无人认领的提交",
	"only the overdue submissions":                                          "只看已超时的提交",
	"Claim a submission in review (认领), so other reviewers see you hold it": "认领审核中的提交，让其他审核员看到由你处理",
	"Claim a submission in review (认领), so other reviewers see you hold it.\nA claim is advice, not a lock: another reviewer may still decide it, after\nbeing asked. It lapses 2 hours after it was made; claiming again renews it,\nand a decision ends it. Claiming one another reviewer holds takes it over.": "认领审核中的提交，让其他审核员看到由你处理。\n认领只是提示，不是锁：其他审核员确认后仍可审核它。认领 2 小时后自动失效；\n再次认领会续期，审核结束即解除。认领他人已认领的提交即接手。",
	"Give up your claim on a submission (取消认领)":                                                                 "取消你对提交的认领",
	"The review queue at a glance: in review, overdue, unclaimed, decisions per day, median time to a decision": "审核队列概览：审核中、已超时、未认领、每日审核数、审核用时中位数",
	"Reject a submission with a reason for the developer (审核驳回), and notes\npinned to its fields: --note PATH=TEXT, as many as needed, where PATH is a\nfield as plugpub draft check names it (info.title,\nguide.components[2].props[0].type …). The developer sees each note at its\nfield, and it counts as resolved once that field changes.": "驳回提交并向开发者说明原因（审核驳回），还可以在字段上添加批注：\n--note 路径=内容，可重复，路径即 plugpub draft check 列出的字段\n（info.title、guide.components[2].props[0].type …）。开发者会在字段旁看到批注，\n字段改动后批注即视为已解决。",
	"a note pinned to a field, PATH=TEXT (repeatable)": "字段批注，路径=内容（可重复）",
}
