"""Passing notices on the visitor screen (:data:`ui.visitor_notice.PASSING_S`: they go away by themselves), in every
visitor language (merged into ``ui.strings.STRINGS``)."""

NOTICE_STRINGS: dict[str, dict[str, str]] = {
    "speak_up": {  # a voice heard but too soft to caption; goes away by itself
        "ko": "목소리가 잘 들리지 않습니다. 마이크에 조금 더 가까이 오시거나 조금 더 크게 말씀해 주세요.",
        "en": "We can't hear you clearly. Please come a little closer to the microphone or speak a little louder.",
        "zh": "听不清您的声音，请再靠近麦克风一些，或稍微大声一点说话。",
        "vi": "Chúng tôi chưa nghe rõ lời bạn. Vui lòng lại gần micrô hơn một chút hoặc nói to hơn một chút.",
        "ja": "お声がよく聞き取れません。もう少しマイクに近づくか、少し大きな声でお話しください。",
    },
    "speak_up_short": {  # its short form, where the screen has no room for the whole (200 % text on a small panel)
        "ko": "마이크 가까이에서 말씀해 주세요.",
        "en": "Please speak closer to the microphone.",
        "zh": "请靠近麦克风说话。",
        "vi": "Vui lòng nói gần micrô hơn.",
        "ja": "マイクに近づいてお話しください。",
    },
}
