"""The names of the phrase topics on both screens, in every visitor language (merged into ``ui.strings.STRINGS``)."""

CATEGORY_STRINGS: dict[str, dict[str, str]] = {
    "category_greeting": {"ko": "인사", "en": "Greetings", "zh": "问候", "vi": "Chào hỏi", "ja": "あいさつ"},
    "category_documents": {"ko": "서류", "en": "Documents", "zh": "证明材料", "vi": "Giấy tờ", "ja": "書類"},
    "category_identity": {
        "ko": "신분 확인",
        "en": "ID check",
        "zh": "身份确认",
        "vi": "Xác minh danh tính",
        "ja": "本人確認",
    },
    "category_forms": {
        "ko": "작성·서명",
        "en": "Forms and signing",
        "zh": "填表与签名",
        "vi": "Điền đơn và ký tên",
        "ja": "記入・署名",
    },
    "category_payment": {
        "ko": "수수료·결제",
        "en": "Fees and payment",
        "zh": "费用与支付",
        "vi": "Lệ phí và thanh toán",
        "ja": "手数料・お支払い",
    },
    "category_waiting": {"ko": "대기", "en": "Waiting", "zh": "等候", "vi": "Chờ đợi", "ja": "お待ちいただく間"},
    "category_directions": {
        "ko": "위치 안내",
        "en": "Directions",
        "zh": "位置指引",
        "vi": "Chỉ đường",
        "ja": "場所のご案内",
    },
    "category_schedule": {
        "ko": "날짜·시간",
        "en": "Dates and hours",
        "zh": "日期与时间",
        "vi": "Ngày giờ",
        "ja": "日時",
    },
    "category_closing": {"ko": "마무리", "en": "Closing", "zh": "告别用语", "vi": "Chào tạm biệt", "ja": "終わりに"},
    "category_requests": {"ko": "요청", "en": "Requests", "zh": "请求", "vi": "Yêu cầu", "ja": "ご要望"},
    "category_accessibility": {
        "ko": "의사소통 지원",
        "en": "Communication help",
        "zh": "沟通协助",
        "vi": "Hỗ trợ giao tiếp",
        "ja": "コミュニケーション支援",
    },
    "category_general": {"ko": "기타", "en": "Other", "zh": "其他", "vi": "Khác", "ja": "その他"},
    "category_all": {
        "ko": "전체 주제",
        "en": "All topics",
        "zh": "全部主题",
        "vi": "Tất cả chủ đề",
        "ja": "カテゴリー一覧",
    },
}
