package workflow

import "strings"

// SampleDraft is what 填写样例 fills in: a complete, valid publication a
// developer can read to see what each field is for, then overwrite.
func SampleDraft() Draft {
	return Draft{
		Info: Info{
			Title: "车牌识别插件",
			Intro: "拍照或选择图片，一秒识别车牌号码与颜色，支持新能源车牌",
			Description: strings.Join([]string{
				"车牌识别插件为停车、洗车、加油、物流等场景的小程序提供开箱即用的车牌识别能力。",
				"",
				"- 支持蓝牌、黄牌、绿牌（新能源）、白牌、黑牌，覆盖全国 31 个省级行政区；",
				"- 拍照识别与相册识别两种方式，弱光、倾斜、远距离场景下依然稳定；",
				"- 单张图片平均识别耗时小于 1 秒，识别准确率 99% 以上；",
				"- 图片仅用于本次识别，不落盘、不留存。",
			}, "\n"),
			Logo:             "",
			Abilities:        []string{"基础", "安全"},
			Buyers:           BuyersAny,
			ShowAfterRelease: true,
			Usage: strings.Join([]string{
				"1. 在服务市场订购本插件，获得插件使用权限；",
				"2. 在小程序 app.json 的 plugins 中声明插件（见接入说明与示例代码）；",
				"3. 在页面中使用 plate-scanner 组件拍照识别，或调用 recognizePlate 接口识别已有图片；",
				"4. 在 onRecognize 事件或接口返回值中取得车牌号码，完成入场登记、下单等业务。",
			}, "\n"),
			Cases: strings.Join([]string{
				"某连锁停车场品牌在自助缴费小程序中接入本插件：车主进入小程序后对准车牌拍照，",
				"即可自动带出停车订单，缴费步骤由 5 步减少到 2 步，平均缴费时长缩短 60%。",
			}, "\n"),
			PCURL:   "https://www.example.com/plate-ocr",
			Contact: "plate-support@example.com",
		},
		Guide: Guide{
			Components: []Component{
				{
					Name:        "plate-scanner",
					Description: "车牌扫描组件：打开相机取景并识别画面中的车牌，也可从相册选择图片识别。",
					Props: []Prop{
						{Name: "bizId", Type: "String", Required: true, Description: "业务单号，用于对账和排查问题，每次识别传入不同的值"},
						{Name: "mode", Type: "String", Default: "camera", Description: "识别方式：camera 拍照识别，album 从相册选择"},
						{Name: "maxCount", Type: "Number", Default: "1", Description: "单张图片最多识别的车牌数量，取值 1–5"},
						{Name: "showTips", Type: "Boolean", Default: "true", Description: "是否在取景框下方显示拍摄提示"},
						{Name: "provinces", Type: "Array", Default: "[]", Description: "只识别这些省份简称开头的车牌，如 [\"浙\", \"沪\"]；为空时不限"},
					},
					Events: []EventDecl{
						{Name: "onRecognize", Description: "识别成功时触发，event.detail 为 { plates: [{ number, color, confidence }] }"},
						{Name: "onError", Description: "识别失败或用户拒绝相机授权时触发，event.detail 为 { code, message }"},
					},
				},
				{
					Name:        "plate-result",
					Description: "识别结果卡片：展示车牌号码与颜色，可让用户手动修正后确认。",
					Props: []Prop{
						{Name: "plate", Type: "String", Required: true, Description: "要展示的车牌号码，如 浙A12345"},
						{Name: "color", Type: "String", Default: "blue", Description: "车牌颜色：blue、yellow、green、white、black"},
						{Name: "editable", Type: "Boolean", Default: "false", Description: "是否允许用户修改车牌号码"},
					},
					Events: []EventDecl{
						{Name: "onConfirm", Description: "用户点击确认时触发，event.detail 为 { plate, color }"},
					},
				},
			},
			Pages: []GuidePage{
				{
					Name:        "scan",
					Path:        "pages/scan/index",
					Description: "全屏识别页：识别完成后通过 my.navigateBack 返回，结果写入 my.setStorage 的 plateResult。",
					Params: []Param{
						{Name: "bizId", Type: "String", Required: true, Description: "业务单号"},
						{Name: "autoStart", Type: "Boolean", Description: "进入页面后是否立即打开相机，默认 true"},
						{Name: "maxCount", Type: "Number", Description: "最多识别的车牌数量，默认 1"},
					},
				},
				{
					Name:        "history",
					Path:        "pages/history/index",
					Description: "识别记录页：展示当前用户最近 30 天的识别记录。",
					Params:      []Param{},
				},
			},
			APIs: []API{
				{
					Name:        "recognizePlate",
					Description: "识别一张图片中的车牌，返回 Promise。",
					Inputs: []Param{
						{Name: "imageUrl", Type: "String", Required: true, Description: "图片地址，可以是 my.chooseImage 返回的临时路径或 https 地址"},
						{Name: "maxCount", Type: "Number", Description: "最多识别的车牌数量，默认 1"},
						{Name: "options", Type: "Object", Description: "其他选项，如 { provinces: [\"浙\"] }"},
					},
					Outputs: []Param{
						{Name: "plates", Type: "Array", Required: true, Description: "识别出的车牌列表，每项为 { number, color, confidence }"},
						{Name: "requestId", Type: "String", Required: true, Description: "本次请求编号，反馈问题时请提供"},
					},
				},
				{
					Name:        "getQuota",
					Description: "查询当前小程序本月剩余的识别次数。",
					Inputs:      []Param{},
					Outputs: []Param{
						{Name: "remaining", Type: "Number", Required: true, Description: "本月剩余次数"},
						{Name: "resetAt", Type: "String", Required: true, Description: "次数重置时间，ISO 8601 格式"},
					},
				},
			},
			Instructions: SampleInstructions(),
		},
	}
}

// SampleInstructions is the 填写样例 of 接入说明与示例代码 on its own, for
// the guide's instructions tab, which has its own sample button.
func SampleInstructions() string {
	return sampleInstructions
}

// sampleInstructions fences code with ~~~ rather than backticks so that it
// can be a raw string; both are markdown fenced code blocks.
const sampleInstructions = `## 1. 声明插件

在小程序的 app.json 中声明要使用的插件，provider 为插件 ID：

~~~json
{
  "plugins": {
    "myPlugin": {
      "version": "*",
      "provider": "2021004100000001"
    }
  }
}
~~~

## 2. 使用组件

在页面的 index.json 中引入组件：

~~~json
{
  "usingComponents": {
    "plate-scanner": "plugin://myPlugin/plate-scanner"
  }
}
~~~

在 index.axml 中使用：

~~~axml
<plate-scanner
  bizId="{{bizId}}"
  mode="camera"
  maxCount="{{1}}"
  onRecognize="handleRecognize"
  onError="handleError"
/>
~~~

在 index.js 中处理事件：

~~~js
Page({
  data: { bizId: 'order-20240101-0001' },
  handleRecognize(e) {
    const [first] = e.detail.plates;
    my.showToast({ content: '识别结果：' + first.number });
  },
  handleError(e) {
    my.alert({ content: e.detail.message });
  },
});
~~~

## 3. 跳转插件页面

~~~js
my.navigateTo({
  url: 'plugin://myPlugin/scan?bizId=order-20240101-0001&autoStart=true',
});
~~~

## 4. 调用接口

~~~js
const plugin = requirePlugin('myPlugin');

plugin.recognizePlate({ imageUrl: tempFilePath, maxCount: 1 })
  .then(({ plates, requestId }) => {
    console.log(plates[0].number, requestId);
  })
  .catch((err) => {
    my.alert({ content: err.message });
  });
~~~

## 注意事项

- 使用 plate-scanner 组件前需要用户授权相机，拒绝授权时会触发 onError；
- 每次识别都会消耗一次额度，可通过 getQuota 接口查询剩余次数。
`
