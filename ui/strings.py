"""Every string a visitor reads, in each supported language, reviewed like a translator's work.

Korean is the fallback; ``tr`` never shows a key. Language buttons use native names from
:mod:`base.languages`. Clerk-screen text is Korean only (the clerk's working language) and lives in
``clerk_window``.
"""

from __future__ import annotations

from base.languages import lookup
from ui.button_strings import BUTTON_STRINGS
from ui.category_strings import CATEGORY_STRINGS
from ui.line_strings import LINE_STRINGS
from ui.notice_strings import NOTICE_STRINGS
from ui.prompt_strings import PROMPT_STRINGS
from ui.switch_strings import SWITCH_STRINGS

KOREAN_CAPTIONS = "한국어 (자막)"  # Korean for the visitor who reads captions: typed text, no speech


def language_label(code: str) -> str:
    """The language's name on a choice: its native name, and for Korean the caption mode."""
    return KOREAN_CAPTIONS if code == "ko" else lookup(code).native


STRINGS: dict[str, dict[str, str]] = {
    "choose_language": {
        "ko": "언어를 선택해 주세요",
        "en": "Please choose your language",
        "zh": "请选择语言",
        "vi": "Vui lòng chọn ngôn ngữ",
        "ja": "言語を選択してください",
    },
    "sign": {
        "ko": "수어 (한국수어)",
        "en": "Sign language (KSL)",
        "zh": "手语 (韩国手语)",
        "vi": "Ngôn ngữ ký hiệu (KSL)",
        "ja": "手話 (韓国手話)",
    },
    "cam_hands": {
        "ko": "손이 보여요",
        "en": "Hands seen",
        "zh": "已看到手",
        "vi": "Đã thấy tay",
        "ja": "手が見えています",
    },
    "cam_step_in": {
        "ko": "화면 안으로 오세요",
        "en": "Step into the frame",
        "zh": "请进入画面",
        "vi": "Hãy vào khung hình",
        "ja": "枠に入ってください",
    },
    "cam_dark": {"ko": "너무 어두워요", "en": "Too dark", "zh": "光线太暗", "vi": "Quá tối", "ja": "暗すぎます"},
    "sign_tile_title": {
        "ko": "수어 · 지문자",
        "en": "Sign language",
        "zh": "手语",
        "vi": "Ngôn ngữ ký hiệu",
        "ja": "手話",
    },
    "sign_tile_help": {
        "ko": "카메라 앞에서 수어나 지문자로 말하면 담당자 화면에 한국어로 나타납니다.",
        "en": "Sign or fingerspell in front of the camera; the clerk reads your words in Korean.",
        "zh": "在摄像头前打手语或指拼，工作人员会在屏幕上看到韩文。",
        "vi": "Hãy ra dấu hoặc đánh vần bằng tay trước camera; nhân viên sẽ đọc lời bạn bằng tiếng Hàn.",
        "ja": "カメラの前で手話や指文字を使うと、担当者の画面に韓国語の文字で表示されます。",
    },
    "fingerspelling": {"ko": "지문자", "en": "Fingerspelling", "zh": "指拼", "vi": "Đánh vần bằng tay", "ja": "指文字"},
    "type_here": {
        "ko": "여기에 입력하세요",
        "en": "Type here",
        "zh": "请在此输入",
        "vi": "Nhập tại đây",
        "ja": "ここに入力してください",
    },
    "send": {"ko": "보내기", "en": "Send", "zh": "发送", "vi": "Gửi", "ja": "送信"},
    "finish": {"ko": "상담 마치기", "en": "Finish", "zh": "结束服务", "vi": "Kết thúc phiên", "ja": "終了する"},
    "finish_question": {
        "ko": "상담을 마칠까요?",
        "en": "Do you want to end this conversation?",
        "zh": "要结束本次服务吗？",
        "vi": "Bạn có muốn kết thúc cuộc trò chuyện này không?",
        "ja": "相談を終了しますか？",
    },
    "finish_yes": {
        "ko": "네, 마칠게요",
        "en": "Yes, finish",
        "zh": "是的，结束",
        "vi": "Có, kết thúc",
        "ja": "はい、終了します",
    },
    "finish_no": {
        "ko": "아니요, 계속할게요",
        "en": "No, continue",
        "zh": "不，继续",
        "vi": "Không, tiếp tục",
        "ja": "いいえ、続けます",
    },
    "talk_listening": {
        "ko": "듣고 있어요. 말씀하세요",
        "en": "Listening. Please speak",
        "zh": "正在聆听，请说话",
        "vi": "Đang nghe. Mời bạn nói",
        "ja": "聞いています。どうぞお話しください",
    },
    "talk_translating": {
        "ko": "번역하고 있어요…",
        "en": "Translating…",
        "zh": "正在翻译…",
        "vi": "Đang dịch…",
        "ja": "翻訳しています…",
    },
    "talk_clerk_speaking": {
        "ko": "담당자가 말하고 있어요",
        "en": "The clerk is speaking",
        "zh": "工作人员正在说话",
        "vi": "Nhân viên đang nói",
        "ja": "担当者が話しています",
    },
    "talk_hold": {
        "ko": "눌러서 말하기",
        "en": "Tap to talk",
        "zh": "点击说话",
        "vi": "Chạm để nói",
        "ja": "押して話す",
    },
    "not_translated": {  # under another party's line that has no translation into the reader's language
        "ko": "이 말은 번역하지 못했습니다. 자주 쓰는 말 버튼은 언제나 번역됩니다.",
        "en": "This line could not be translated into your language. The common-phrase buttons are always translated.",
        "zh": "这句话无法翻译成您的语言。常用语按钮始终有翻译。",
        "vi": "Không thể dịch câu này sang ngôn ngữ của bạn. Các nút câu thường dùng luôn được dịch.",
        "ja": "この発言はお使いの言語に翻訳できませんでした。よく使うフレーズのボタンは常に翻訳されます。",
    },
    "being_heard": {"ko": "듣는 중", "en": "being heard", "zh": "正在识别", "vi": "đang nghe", "ja": "聞き取り中"},
    "you": {"ko": "나", "en": "You", "zh": "您", "vi": "Bạn", "ja": "あなた"},
    "clerk": {"ko": "담당자", "en": "Clerk", "zh": "工作人员", "vi": "Nhân viên", "ja": "担当者"},
    "timeout_question": {
        "ko": "곧 상담이 끝납니다. 시간이 더 필요하시면 아래 버튼을 눌러 주세요.",
        "en": "Your session is about to end. If you need more time, tap the button below.",
        "zh": "本次服务即将结束。如需更多时间，请点击下方按钮。",
        "vi": "Phiên làm việc sắp kết thúc. Nếu bạn cần thêm thời gian, hãy chạm vào nút bên dưới.",
        "ja": "まもなく終了します。さらに時間が必要な場合は、下のボタンを押してください。",
    },
    "timeout_seconds": {
        "ko": "초 남음",
        "en": "seconds left",
        "zh": "秒后结束",
        "vi": "giây còn lại",
        "ja": "秒で終了",
    },
    "more_time": {"ko": "시간 연장", "en": "More time", "zh": "延长时间", "vi": "Thêm thời gian", "ja": "時間を延長"},
    "closing_title": {
        "ko": "상담이 끝났습니다. 감사합니다.",
        "en": "Your visit is complete. Thank you.",
        "zh": "服务已结束，谢谢。",
        "vi": "Phiên làm việc đã kết thúc. Xin cảm ơn.",
        "ja": "ご利用ありがとうございました。",
    },
    "closing_summary": {
        "ko": "대화 {n}건",
        "en": "{n} messages",
        "zh": "共{n}条对话",
        "vi": "{n} tin nhắn",
        "ja": "会話 {n}件",
    },
    "consent_question": {
        "ko": "대화 기록을 인쇄하거나 저장해 드릴까요? 동의하신 경우에만 저장합니다.",
        "en": "Would you like a printed or saved copy of this conversation? We save it only if you agree.",
        "zh": "需要打印或保存本次对话记录吗？只有在您同意后才会保存。",
        "vi": "Bạn có muốn in hoặc lưu cuộc trò chuyện này không? Chỉ lưu khi bạn đồng ý.",
        "ja": "会話の記録を印刷または保存しますか。同意いただいた場合のみ保存します。",
    },
    "consent_print": {
        "ko": "네, 인쇄해 주세요",
        "en": "Yes, print my copy",
        "zh": "是的，请打印给我",
        "vi": "Có, in giúp tôi",
        "ja": "はい、控えを印刷してください",
    },
    "consent_skip": {
        "ko": "아니요, 필요 없어요",
        "en": "No copy, thanks",
        "zh": "不需要，谢谢",
        "vi": "Không, cảm ơn",
        "ja": "いいえ、不要です",
    },
    "retention_end_of_day": {
        "ko": "창구의 상담 기록은 오늘 업무가 끝나면 자동으로 삭제됩니다.",
        "en": "The counter's record of this conversation is deleted automatically at the end of the day.",
        "zh": "窗口保存的本次对话记录将在今天营业结束后自动删除。",
        "vi": "Bản ghi cuộc trò chuyện tại quầy sẽ tự động bị xóa vào cuối ngày.",
        "ja": "窓口の会話記録は、本日の業務終了後に自動的に削除されます。",
    },
    "retention_hours": {
        "ko": "창구의 상담 기록은 {n}시간 뒤에 자동으로 삭제됩니다.",
        "en": "The counter's record of this conversation is deleted automatically after {n} hours.",
        "zh": "窗口保存的本次对话记录将在{n}小时后自动删除。",
        "vi": "Bản ghi cuộc trò chuyện tại quầy sẽ tự động bị xóa sau {n} giờ.",
        "ja": "窓口の会話記録は、{n}時間後に自動的に削除されます。",
    },
    "closing_countdown": {
        "ko": "{n}초 후에 첫 화면으로 돌아갑니다",
        "en": "Back to the start in {n} seconds",
        "zh": "{n}秒后返回首页",
        "vi": "Quay lại màn hình đầu sau {n} giây",
        "ja": "{n}秒後に最初の画面に戻ります",
    },
    "saved": {
        "ko": "기록을 저장했습니다. 담당자에게 받아 가세요.",
        "en": "Saved. Please collect your copy from the clerk.",
        "zh": "已保存，请向工作人员领取。",
        "vi": "Đã lưu. Vui lòng nhận bản sao từ nhân viên.",
        "ja": "保存しました。担当者からお受け取りください。",
    },
    "not_kept": {
        "ko": "기록을 저장하지 않았습니다.",
        "en": "Nothing was saved for you to take away.",
        "zh": "未为您保存记录。",
        "vi": "Không có bản lưu nào được tạo.",
        "ja": "記録は保存していません。",
    },
    "back_to_start": {
        "ko": "처음 화면으로",
        "en": "Back to start",
        "zh": "返回首页",
        "vi": "Về màn hình đầu",
        "ja": "最初の画面へ",
    },
    "check_input": {
        "ko": "입력한 내용을 확인해 주세요.",
        "en": "Please check what you typed.",
        "zh": "请检查输入的内容。",
        "vi": "Vui lòng kiểm tra nội dung đã nhập.",
        "ja": "入力内容をご確認ください。",
    },
    "not_saved": {
        "ko": "지금은 대화 기록을 저장할 수 없지만, 대화는 계속할 수 있습니다.",
        "en": "The conversation cannot be saved right now, but you can continue.",
        "zh": "目前无法保存对话记录，但您可以继续交谈。",
        "vi": "Hiện không thể lưu cuộc trò chuyện, nhưng bạn vẫn có thể tiếp tục.",
        "ja": "現在、会話を保存できませんが、このまま続けられます。",
    },
    "speech_unavailable": {
        "ko": "지금은 음성 인식을 사용할 수 없습니다. 글자와 자주 쓰는 말로 대화해 주세요.",
        "en": "Speech recognition is unavailable right now. Please use text and common phrases.",
        "zh": "语音识别目前不可用，请使用文字和常用语交流。",
        "vi": "Hiện không thể nhận dạng giọng nói. Vui lòng dùng chữ viết và các câu thường dùng.",
        "ja": "現在、音声認識は使用できません。文字入力とよく使うフレーズをご利用ください。",
    },
    "demo_title": {  # before a visit, in Korean and English on one line: the page's buttons stay low
        "ko": "데모 모드",
        "en": "Demo mode",
        "zh": "演示模式",
        "vi": "Chế độ trình diễn",
        "ja": "デモモード",
    },
    "demo_mode": {
        "ko": "데모 모드: 카메라와 마이크 대신 녹화된 영상과 음성을 재생합니다",
        "en": "Demo mode: playing recorded video and audio instead of a camera and microphone",
        "zh": "演示模式：正在播放录制的视频和音频，而非摄像头和麦克风",
        "vi": "Chế độ trình diễn: đang phát video và âm thanh ghi sẵn thay cho camera và micro",
        "ja": "デモモード：カメラとマイクの代わりに録画済みの映像と音声を再生しています",
    },
    "no_demo_speech": {
        "ko": "선택하신 언어로 된 데모 음성이 없어 담당자의 한국어 녹음만 재생합니다.",
        "en": "There are no demo recordings in your language, so only the clerk's Korean recordings will play.",
        "zh": "暂无您所选语言的演示录音，因此只播放工作人员的韩语录音。",
        "vi": "Chưa có bản ghi âm trình diễn bằng ngôn ngữ của bạn, nên chỉ phát bản ghi âm tiếng Hàn của nhân viên.",
        "ja": "お選びの言語のデモ音声がないため、担当者の韓国語の録音のみを再生します。",
    },
    "voice_mute": {"ko": "소리 끄기", "en": "Mute", "zh": "静音", "vi": "Tắt tiếng", "ja": "消音"},
    "voice_unmute": {"ko": "소리 켜기", "en": "Sound on", "zh": "打开声音", "vi": "Bật tiếng", "ja": "音声オン"},
    "voice_louder": {"ko": "소리 크게", "en": "Louder", "zh": "调高音量", "vi": "To hơn", "ja": "音量を上げる"},
    "voice_quieter": {"ko": "소리 작게", "en": "Quieter", "zh": "调低音量", "vi": "Nhỏ hơn", "ja": "音量を下げる"},
    "voice_faster": {"ko": "빠르게", "en": "Faster", "zh": "加快", "vi": "Nhanh hơn", "ja": "速く"},
    "voice_slower": {"ko": "느리게", "en": "Slower", "zh": "放慢", "vi": "Chậm hơn", "ja": "ゆっくり"},
    "voice_status": {
        "ko": "음량 {volume}% · 속도 {rate}배",
        "en": "Volume {volume}% · speed {rate}x",
        "zh": "音量 {volume}% · 语速 {rate} 倍",
        "vi": "Âm lượng {volume}% · tốc độ {rate}x",
        "ja": "音量 {volume}% · 速さ {rate} 倍",
    },
    "spelling_holding": {
        "ko": "지금 보이는 글자: {letter}",
        "en": "Letter seen now: {letter}",
        "zh": "当前识别的字母：{letter}",
        "vi": "Chữ cái đang thấy: {letter}",
        "ja": "いま見えている文字：{letter}",
    },
    "spelling_unknown": {
        "ko": "글자를 알아보지 못했습니다. 손 모양을 다시 보여 주세요.",
        "en": "Letter not recognised. Please show the handshape again.",
        "zh": "未能识别该字母，请再做一次手形。",
        "vi": "Không nhận ra chữ cái. Vui lòng làm lại hình dạng bàn tay.",
        "ja": "文字を認識できませんでした。もう一度手の形を見せてください。",
    },
    "spelling_delete": {
        "ko": "한 글자 지우기",
        "en": "Delete letter",
        "zh": "删除字母",
        "vi": "Xóa chữ",
        "ja": "一文字消す",
    },
    "spelling_space": {"ko": "띄어쓰기", "en": "Space", "zh": "空格", "vi": "Dấu cách", "ja": "スペース"},
    "spelling_confirm": {"ko": "입력", "en": "Enter", "zh": "输入", "vi": "Nhập", "ja": "入力"},
    "welcome": {"ko": "어서 오세요", "en": "Welcome", "zh": "欢迎光临", "vi": "Xin chào quý khách", "ja": "ようこそ"},
    "touch_to_start": {
        "ko": "화면을 눌러 시작하세요",
        "en": "Touch the screen to start",
        "zh": "请触摸屏幕开始",
        "vi": "Chạm vào màn hình để bắt đầu",
        "ja": "画面にタッチして始めてください",
    },
    "text_bigger": {"ko": "글자 크게", "en": "Larger text", "zh": "放大字体", "vi": "Chữ to hơn", "ja": "文字を大きく"},
    "text_smaller": {
        "ko": "글자 작게",
        "en": "Smaller text",
        "zh": "缩小字体",
        "vi": "Chữ nhỏ hơn",
        "ja": "文字を小さく",
    },
    "contrast": {
        "ko": "고대비",
        "en": "High contrast",
        "zh": "高对比度",
        "vi": "Tương phản cao",
        "ja": "ハイコントラスト",
    },
    "keyboard": {"ko": "글자 입력", "en": "Type", "zh": "打字", "vi": "Gõ chữ", "ja": "文字入力"},
    "error_sign_help": {
        "ko": "문제가 생겼습니다. 담당자에게 손을 들어 알려 주세요.",
        "en": "Something went wrong. Please raise your hand to the clerk.",
        "zh": "出现问题，请举手示意工作人员。",
        "vi": "Đã xảy ra sự cố. Vui lòng giơ tay báo cho nhân viên.",
        "ja": "問題が発生しました。手を挙げて担当者にお知らせください。",
    },
    "sign_unknown": {
        "ko": "알 수 없는 수어입니다. 다시 해 주세요.",
        "en": "Sign not recognised. Please sign it again.",
        "zh": "无法识别该手语，请再做一次。",
        "vi": "Không nhận ra ký hiệu. Vui lòng làm lại.",
        "ja": "手話を認識できませんでした。もう一度お願いします。",
    },
    "did_you_mean": {
        "ko": "이 말씀인가요? 누르면 번역해서 보냅니다.",
        "en": "Did you mean one of these? Tap one to send its translation.",
        "zh": "您是想说以下哪一句吗？点击即可发送译文。",
        "vi": "Có phải ý bạn là một trong các câu sau? Chạm để gửi bản dịch.",
        "ja": "もしかして、次のどれかですか？タップすると翻訳して送ります。",
    },
    "sign_send": {"ko": "문장 보내기", "en": "Send sentence", "zh": "发送句子", "vi": "Gửi câu", "ja": "文を送る"},
    "sign_undo": {
        "ko": "마지막 수어 지우기",
        "en": "Remove last sign",
        "zh": "删除最后一个手语",
        "vi": "Xóa ký hiệu cuối",
        "ja": "最後の手話を消す",
    },
    "talk_visitor_speaking": {  # the clerk's talk button (Korean only is read; the rest for completeness)
        "ko": "방문자가 말하고 있어요",
        "en": "The visitor is speaking",
        "zh": "来访者正在说话",
        "vi": "Khách đang nói",
        "ja": "来訪者が話しています",
    },
}

for apart in (CATEGORY_STRINGS, SWITCH_STRINGS, NOTICE_STRINGS, LINE_STRINGS, BUTTON_STRINGS, PROMPT_STRINGS):  # the
    STRINGS.update(apart)  # topics, changing language, notices, notes on a chat line, short buttons, prompts: apart


def tr(key: str, language: str | None, **values: object) -> str:
    """``key`` in ``language`` (Korean when that language has no text), with ``{placeholders}`` filled."""
    texts = STRINGS[key]
    text = texts.get(language or "ko") or texts["ko"]
    return text.format(**values) if values else text


def tr_short(key: str, language: str | None) -> str:
    """The short form of ``key`` (``key_short``) in ``language``, for where the whole has no room; "": it has none."""
    return tr(f"{key}_short", language) if f"{key}_short" in STRINGS else ""
