"""Notes on a line of the visitor's chat, in every visitor language (merged into ``ui.strings.STRINGS``)."""

LINE_STRINGS: dict[str, dict[str, str]] = {
    "heard_again": {  # by the speaker's name: the recogniser heard the line again with the next words and changed it
        "ko": "다시 듣고 고침",
        "en": "heard again, updated",
        "zh": "重新识别后已更新",
        "vi": "đã sửa sau khi nghe lại",
        "ja": "聞き直して更新",
    },
}
