//! Who does the work: the contractor ([`Contractor`], 装修单位) and its workers ([`Worker`],
//! 施工人员). ID numbers and phones are stored in full and shown masked (their types'
//! `Display`), on screen and on the worker passes.

use serde::{Deserialize, Serialize};

use crate::domain::{Mobile, ResidentId};

/// The contractor (装修单位): company, business licence, qualification, person in charge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contractor {
    /// 单位名称 (or 业主自装 for an owner working with hired hands).
    pub company: String,
    /// 营业执照号 / 统一社会信用代码.
    pub licence_no: String,
    /// 资质 (`建筑装修装饰工程专业承包二级`), may be empty for a small firm.
    pub qualification: String,
    /// 负责人.
    pub person_in_charge: String,
    /// 负责人电话 (stored in full, shown masked).
    pub phone: Mobile,
}

impl Contractor {
    /// Checks the contractor's details: company, licence number (8–30 letters and digits) and
    /// the person in charge.
    ///
    /// # Errors
    /// A message saying what to fix.
    pub fn check(&self) -> Result<(), String> {
        if self.company.trim().is_empty() {
            return Err("请填写装修单位名称（业主自己找工人的写“业主自装”）".into());
        }
        let licence = self.licence_no.trim();
        if !licence.is_empty()
            && (!(8..=30).contains(&licence.len())
                || !licence.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(
                "营业执照号应为 8 到 30 位字母或数字（统一社会信用代码为 18 位），请核对".into(),
            );
        }
        if self.person_in_charge.trim().is_empty() {
            return Err("请填写装修单位负责人".into());
        }
        Ok(())
    }
}

/// A worker on the site (施工人员): name, resident ID and phone, for the 出入证.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Worker {
    /// 姓名.
    pub name: String,
    /// 身份证号 (checked by GB 11643-1999; shown masked).
    pub id_number: ResidentId,
    /// 电话 (shown masked).
    pub phone: Mobile,
    /// 工种 (`水电工`, `木工` …), may be empty.
    pub trade: String,
}

impl Worker {
    /// Reads a worker as typed: the ID number's check character and birth date and the
    /// phone's digits are checked, each error naming the worker.
    ///
    /// # Errors
    /// A message saying what to fix.
    pub fn parse(name: &str, id_number: &str, phone: &str, trade: &str) -> Result<Worker, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("请填写施工人员姓名".into());
        }
        let id_number =
            ResidentId::parse(id_number).map_err(|e| format!("施工人员 {name}：{e}"))?;
        let phone = Mobile::parse(phone).map_err(|e| format!("施工人员 {name}：{e}"))?;
        Ok(Worker {
            name: name.to_string(),
            id_number,
            phone,
            trade: trade.trim().to_string(),
        })
    }

    /// Checks a worker built by hand (a name is all there is left to check).
    ///
    /// # Errors
    /// A message saying what to fix.
    pub fn check(&self) -> Result<(), String> {
        if self.name.trim().is_empty() {
            return Err("有一位施工人员没有填写姓名".into());
        }
        Ok(())
    }
}
