/**
 * What an aesthetic clinic in Seoul sells and writes down: procedures with their prices (KRW),
 * the consent form each needs, memo lines and the reasons people give.
 */
export interface Procedure {
  readonly name: string;
  readonly price: number;
  /** The consent form it needs, if any. */
  readonly consent?: string;
  /** How common it is, relative to the others. */
  readonly weight: number;
  /** Minutes it takes. */
  readonly minutes: number;
}

export const PROCEDURES: readonly Procedure[] = [
  { name: '레이저 토닝', price: 99_000, weight: 14, minutes: 15, consent: '레이저 시술 동의서' },
  { name: '피코 토닝', price: 150_000, weight: 8, minutes: 15, consent: '레이저 시술 동의서' },
  { name: '아쿠아필', price: 60_000, weight: 12, minutes: 20 },
  { name: '보톡스 (사각턱)', price: 120_000, weight: 9, minutes: 10, consent: '보톡스 시술 동의서' },
  { name: '보톡스 (이마)', price: 90_000, weight: 5, minutes: 10, consent: '보톡스 시술 동의서' },
  { name: '필러 (팔자)', price: 350_000, weight: 4, minutes: 20, consent: '필러 시술 동의서' },
  { name: '필러 (코)', price: 400_000, weight: 2, minutes: 20, consent: '필러 시술 동의서' },
  { name: '슈링크 리프팅 300샷', price: 250_000, weight: 6, minutes: 30, consent: '리프팅 시술 동의서' },
  { name: '울쎄라 300샷', price: 1_200_000, weight: 2, minutes: 45, consent: '리프팅 시술 동의서' },
  { name: '인모드 FX', price: 200_000, weight: 4, minutes: 30, consent: '리프팅 시술 동의서' },
  { name: '리쥬란 힐러', price: 300_000, weight: 5, minutes: 30, consent: '주사 시술 동의서' },
  { name: '물광 주사', price: 150_000, weight: 5, minutes: 20, consent: '주사 시술 동의서' },
  { name: '여드름 압출 관리', price: 50_000, weight: 6, minutes: 20 },
  { name: 'LDM 물방울 리프팅', price: 70_000, weight: 5, minutes: 20 },
  { name: '겨드랑이 제모 (5회)', price: 150_000, weight: 3, minutes: 15, consent: '레이저 시술 동의서' },
  { name: '기미 레이저 (IPL)', price: 120_000, weight: 4, minutes: 20, consent: '레이저 시술 동의서' },
  { name: '점 제거', price: 30_000, weight: 4, minutes: 10, consent: '레이저 시술 동의서' },
  { name: '스킨 부스터', price: 250_000, weight: 3, minutes: 30, consent: '주사 시술 동의서' },
];

export const CONSENT_VERSION = '2025-11';

export const PURPOSES = [
  '피부 톤 개선 상담', '사각턱 보톡스 상담', '리프팅 상담', '여드름 흉터 상담', '기미·잡티 상담', '재방문 (정기 관리)',
  '필러 상담', '모공 관리 상담', '제모 상담', '첫 방문 상담', '시술 후 경과 확인', '웨딩 전 관리 상담',
];

export const MEMOS = [
  '레이저 후 홍조 있었음. 진정 관리 안내 부탁드립니다.',
  '다음 방문 때 토닝 5회 패키지 상담 원하심',
  '통증에 예민하심, 마취크림 30분 이상 필요',
  '주차 등록 요청',
  '지난 시술 후 멍 있었음, 이번엔 냉찜질 충분히',
  '카드 할부 3개월 요청',
  '보호자 동반 방문',
  '시술 후 사진 촬영 동의하지 않으심',
  '오전 예약 선호, 문자 안내 원하심',
  '알레르기: 리도카인 확인 필요',
  '임신 가능성 없음 확인함',
  '회사 점심시간에 방문, 시간 엄수 요청',
  '피부 건조, 보습 관리 추가 권유',
  '이전 병원에서 필러 시술 이력 있음 (6개월 전)',
  '가격 문의 많으심, 이벤트가 안내함',
];

export const CANCEL_REASONS = ['일정 변경', '개인 사정', '감기 증상', '회사 일정', '다른 날로 다시 예약 예정', '가족 행사'];
export const ABANDON_REASONS = ['대기 시간이 길어 귀가', '급한 연락을 받고 귀가', '상담 후 시술 보류', '컨디션 난조'];
export const SKIP_REASONS = ['피부 자극이 심해 다음으로 미룸', '시간 부족으로 다음 방문 때 진행', '환자 요청으로 생략'];
export const REFUND_REASONS = ['시술 불만족으로 부분 환불', '이중 결제 환불', '패키지 잔여 회차 환불', '예약금 환불'];
export const PLAN_CHANGE_REASONS = ['상담 후 시술 추가', '예산에 맞춰 시술 변경', '피부 상태 보고 변경'];
