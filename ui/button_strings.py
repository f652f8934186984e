"""Short forms of the visitor's action buttons, shown only where the whole text would take more lines on the button
than the short one (200 % text on a small panel: :class:`ui.wrap_button.WrapButton`), in every visitor language
(merged into ``ui.strings.STRINGS``). The listening state keeps only "listening": the microphone drawn on the
button and its level bar invite the visitor to speak."""

BUTTON_STRINGS: dict[str, dict[str, str]] = {
    "talk_listening_short": {
        "ko": "듣고 있어요",
        "en": "Listening",
        "zh": "正在聆听",
        "vi": "Đang nghe",
        "ja": "聞いています",
    },
    "finish_short": {"ko": "마치기", "en": "Finish", "zh": "结束", "vi": "Kết thúc", "ja": "終了"},
}
