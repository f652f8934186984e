"""Changing the visit's language: the offer when a third language is heard (:mod:`ui.switch_offer`) and the
visitor's own choice from the globe button (:mod:`ui.language_picker`), in every visitor language (merged into
``ui.strings.STRINGS``)."""

SWITCH_STRINGS: dict[str, dict[str, str]] = {
    "switch_question": {
        "ko": "{name} 화면으로 바꿀까요?",
        "en": "Switch the screen to {name}?",
        "zh": "要将屏幕切换为{name}吗？",
        "vi": "Chuyển màn hình sang {name}?",
        "ja": "画面を{name}に切り替えますか？",
    },
    "switch_yes": {"ko": "바꾸기", "en": "Switch", "zh": "切换", "vi": "Chuyển", "ja": "切り替える"},
    "switch_no": {"ko": "아니요", "en": "No, thanks", "zh": "不用了", "vi": "Không, cảm ơn", "ja": "いいえ"},
    "language_note": {
        "ko": "지금까지의 대화도 고르신 언어로 다시 보여 드립니다.",
        "en": "The conversation so far will also be shown in the language you choose.",
        "zh": "之前的对话也会以您选择的语言重新显示。",
        "vi": "Nội dung trò chuyện từ đầu đến giờ cũng sẽ hiển thị lại bằng ngôn ngữ bạn chọn.",
        "ja": "これまでの会話も、選んだ言語で表示し直します。",
    },
    "language_back": {
        "ko": "바꾸지 않고 돌아가기",
        "en": "Back without changing",
        "zh": "不更改，返回",
        "vi": "Quay lại, không đổi",
        "ja": "変更せずに戻る",
    },
}
