package i18n

// serveZh translates what plugpub serve and the command tree it runs for
// an SSH session say (cmd/plugpub/serve.go).
var serveZh = map[string]string{
	"--max-sessions must be at least 1, got %d":                                                                  "--max-sessions 至少为 1，现在是 %d",
	"--idle-timeout must not be negative, got %s":                                                                "--idle-timeout 不能为负数，现在是 %s",
	"plugpub: the key %s is not registered on this server":                                                       "plugpub：密钥 %s 未在此服务器登记",
	"an admin registers it with: plugpub user key add NAME %s":                                                   "管理员可以这样登记它：plugpub user key add NAME %s",
	"or sign up as a consumer: ssh … signup NAME":                                                                "或者注册为消费者：ssh … signup NAME",
	"--%s is refused over SSH: the key you connect with decides who you are, and the server its database":        "通过 SSH 不接受 --%s：你连接所用的密钥决定你是谁，服务器决定数据库",
	"--log is refused over SSH: it would write a file on the server, which keeps its own log":                    "通过 SSH 不接受 --log：它会在服务器上写文件，服务器有自己的日志",
	"%s is refused over SSH: run it on the server's machine":                                                     "通过 SSH 不接受 %s：请在服务器所在的机器上运行",
	"over SSH, import reads the project from stdin: tar c -C DIR . | ssh … import %s -":                          "通过 SSH，import 从标准输入读取项目：tar c -C DIR . | ssh … import %s -",
	"over SSH, --file must be -: the file is on your machine, so send it on stdin (ssh … %s --file - < FILE)":    "通过 SSH，--file 必须是 -：文件在你的机器上，请从标准输入发送（ssh … %s --file - < FILE）",
	"info.logo: over SSH a draft cannot name an image file; leave info.logo empty and send the image on its own": "info.logo：通过 SSH，草稿不能指定图片文件；请让 info.logo 留空，另行发送图片",
}
