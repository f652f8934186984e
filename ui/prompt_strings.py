"""What the chat says to do before its first line: the spoken visit's, the signing and the fingerspelling visit's
(merged into ``ui.strings.STRINGS``; a ``_short`` form where the whole is not in the chat's view)."""

PROMPT_STRINGS: dict[str, dict[str, str]] = {
    "waiting": {
        "ko": "담당자의 말이 여기에 표시됩니다",
        "en": "The clerk's words will appear here",
        "zh": "工作人员的话会显示在这里",
        "vi": "Lời của nhân viên sẽ hiển thị ở đây",
        "ja": "担当者の言葉がここに表示されます",
    },
    "sign_prompt": {
        "ko": "카메라를 보고 수어로 말씀해 주세요",
        "en": "Please sign facing the camera",
        "zh": "请面向摄像头打手语",
        "vi": "Vui lòng nhìn vào camera và ra ký hiệu",
        "ja": "カメラに向かって手話でお話しください",
    },
    "spelling_prompt": {
        "ko": "카메라를 보고 지문자로 한 글자씩 보여 주세요. 단어가 맞으면 '입력'을 누르세요.",
        "en": "Fingerspell one letter at a time to the camera, then press 'Enter' when the word is right.",
        "zh": "请面向摄像头逐个打出指拼字母，单词正确后请按“输入”。",
        "vi": "Hãy đánh vần từng chữ cái bằng tay trước camera, rồi nhấn 'Nhập' khi từ đã đúng.",
        "ja": "カメラに向かって指文字で一文字ずつ示し、正しければ「入力」を押してください。",
    },
    "spelling_prompt_short": {  # where the whole prompt is not in the chat's view (200 % text on 1366x768)
        "ko": "지문자로 한 글자씩 보여 주고 '입력'을 누르세요.",
        "en": "Fingerspell one letter at a time, then press 'Enter'.",
        "zh": "请逐个打出指拼字母，然后按“输入”。",
        "vi": "Hãy đánh vần từng chữ cái bằng tay, rồi nhấn 'Nhập'.",
        "ja": "指文字で一文字ずつ示し、「入力」を押してください。",
    },
}
